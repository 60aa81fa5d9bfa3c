package eu.seta.gateway.issuers;

/**
 * A token of a trusted issuer that cannot be judged now: the issuer's keys are older than its stale limit (it has
 * been unreachable that long), or the directory a mapped caller must be found in did not answer. Not the caller's
 * fault: 503, and the caller retries.
 */
public final class IssuerUnavailableException extends RuntimeException {

	IssuerUnavailableException(String message) {
		super(message);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
