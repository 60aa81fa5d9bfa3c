package eu.seta.gateway.errors;

import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal that the caller is meant to see: it becomes the gateway's JSON error body.
 * <p>
 * It carries no stack trace: it is thrown on bad input, which is normal traffic for an
 * authentication edge, and filling stacks on every refused request would be pure waste.
 */
public final class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	private final HttpHeaders headers;

	public ApiException(HttpStatus status, String error, String message) {
		this(status, error, message, HttpHeaders.EMPTY);
	}

	private ApiException(HttpStatus status, String error, String message, HttpHeaders headers) {
		super(Objects.requireNonNull(message, "message"), null, false, false);
		this.status = Objects.requireNonNull(status, "status");
		this.error = Objects.requireNonNull(error, "error");
		this.headers = headers;
	}

	public static ApiException invalidRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST, message);
	}

	/** Missing or malformed credentials on an endpoint that needs them (RFC 6750 section 3.1). */
	public static ApiException unauthorizedRequest(String message) {
		return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.INVALID_REQUEST, message);
	}

	public static ApiException unavailable(String message, long retryAfterSeconds) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.TEMPORARILY_UNAVAILABLE, message)
			.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
	}

	/** A copy with one more response header, e.g. {@code WWW-Authenticate} or {@code Retry-After}. */
	public ApiException withHeader(String name, String value) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(this.headers);
		copy.add(name, value);
		return new ApiException(this.status, this.error, getMessage(), HttpHeaders.readOnlyHttpHeaders(copy));
	}

	public HttpStatus status() {
		return this.status;
	}

	public String error() {
		return this.error;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

	public ErrorBody body() {
		return new ErrorBody(this.error, getMessage());
	}

}
