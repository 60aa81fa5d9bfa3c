package eu.seta.gateway.edge;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A bearer token the edge refuses. The message is the gateway's own fixed text (it reaches the client in
 * {@code error_description}); the reason is a short word for metrics and debug logs. Neither ever holds the token.
 */
final class RejectedTokenException extends BadJwtException {

	private final String reason;

	RejectedTokenException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// refused tokens are ordinary traffic at an edge; their stacks would only cost
		return this;
	}

}
