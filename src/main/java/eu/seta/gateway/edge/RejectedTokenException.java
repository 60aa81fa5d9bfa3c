package eu.seta.gateway.edge;

import org.springframework.http.HttpStatus;

/**
 * An access token the edge refuses: 401 {@code invalid_token}, or 400 {@code invalid_request} for one too long to
 * look at. The reason is a short word for metrics and debug logs; neither it nor the message ever holds the token.
 */
final class RejectedTokenException extends BearerRefusal {

	private final String reason;

	RejectedTokenException(String reason, String message) {
		this(HttpStatus.UNAUTHORIZED, "invalid_token", reason, message);
	}

	RejectedTokenException(HttpStatus status, String errorCode, String reason, String message) {
		super(status, errorCode, message);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

}
