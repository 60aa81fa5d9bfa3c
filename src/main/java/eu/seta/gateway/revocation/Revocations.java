package eu.seta.gateway.revocation;

import reactor.core.publisher.Mono;

/**
 * Ends access tokens before they expire, on every replica. Callers end the refresh side themselves (the session
 * store) and write the audit line; this makes the access tokens follow. With the Redis store the revocation is
 * recorded and published before the returned {@link Mono} completes; it fails with
 * {@code SessionStoreUnavailableException} when Redis does not answer, and the caller then fails closed (503).
 */
public interface Revocations {

	/** Every access token of the session: logout, refresh-token reuse. */
	Mono<Void> revokeSession(String sessionId);

	/**
	 * Every access token of the principal issued until now, whatever its session: an administrator's "revoke all",
	 * a principal disabled, removed or left without keys.
	 */
	Mono<Void> revokePrincipal(String principalId);

}
