package eu.seta.gateway.session;

/** The store did not answer in time or at all; nothing may be assumed about the operation. */
public final class SessionStoreUnavailableException extends RuntimeException {

	public SessionStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
