package eu.seta.gateway.issuers;

/**
 * A token of a trusted issuer (or one claiming to be) that is not accepted. The reason is a short word for metrics
 * and debug logs; the message is one of the gateway's fixed sentences. Neither ever holds the token.
 */
public final class ExternalTokenRejectedException extends RuntimeException {

	private final String reason;

	ExternalTokenRejectedException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// refused tokens are ordinary traffic at an edge
		return this;
	}

}
