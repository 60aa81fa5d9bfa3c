package eu.seta.gateway.edge;

import org.springframework.http.HttpStatus;

/**
 * A bearer credential the edge refuses, as RFC 6750 section 3.1 classifies it: a malformed request (400
 * {@code invalid_request}) or a token that is not valid (401 {@code invalid_token}). The description is one of the
 * gateway's fixed sentences (it reaches the client in {@code error_description}), never the token itself.
 */
class BearerRefusal extends RuntimeException {

	private final HttpStatus status;

	private final String errorCode;

	BearerRefusal(HttpStatus status, String errorCode, String description) {
		super(description);
		this.status = status;
		this.errorCode = errorCode;
	}

	static BearerRefusal invalidRequest(String description) {
		return new BearerRefusal(HttpStatus.BAD_REQUEST, "invalid_request", description);
	}

	static BearerRefusal invalidToken(String description) {
		return new BearerRefusal(HttpStatus.UNAUTHORIZED, "invalid_token", description);
	}

	HttpStatus status() {
		return this.status;
	}

	String errorCode() {
		return this.errorCode;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// refused credentials are ordinary traffic at an edge; their stacks would only cost
		return this;
	}

}
