package eu.seta.gateway.directory;

/**
 * The directory could not say who a principal is: its source is down, slow or answered nonsense. The client did
 * nothing wrong, so this is never a 401: the token API answers 503 and the client retries.
 */
public final class DirectoryUnavailableException extends RuntimeException {

	public DirectoryUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
