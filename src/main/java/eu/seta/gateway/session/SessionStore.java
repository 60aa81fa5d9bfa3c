package eu.seta.gateway.session;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * The state the token API keeps: refresh sessions and the record of proofs already used. Every operation is one
 * atomic step, so that any number of gateway replicas may race on the same session or proof: an implementation
 * over a shared store must make each method a single command or script, never read-then-write.
 * <p>
 * The store only ever sees hashes of tokens and proofs. When it cannot answer it signals
 * {@link SessionStoreUnavailableException}, and the caller must then refuse (fail closed), never assume the happy
 * outcome.
 */
public interface SessionStore {

	/**
	 * Starts a session for a login proof, in one step: the proof (a hash of principal and signed message) is
	 * recorded until {@code proofExpiresAt} and the session stored, unless the proof was recorded already (a
	 * replay); then nothing is stored.
	 * @return true when the session was started, false for a replayed proof
	 */
	Mono<Boolean> start(Session session, String proofHash, Instant proofExpiresAt);

	/**
	 * Consumes {@code presented} and makes {@code next} the session's current token.
	 * <ul>
	 * <li>current token: rotated;</li>
	 * <li>previous token while {@code now} is within the grace window: rotated again, the pair of the first
	 * rotation is dropped;</li>
	 * <li>any other token of a known session: reuse, the session is deleted;</li>
	 * <li>expired session: deleted, {@link Rotation.Expired}.</li>
	 * </ul>
	 */
	Mono<Rotation> rotate(SessionKey key, TokenHash presented, TokenHash next, Instant now, Duration idleTtl,
			Duration grace);

	/**
	 * The session whose current refresh token has the hash {@code presented}, if it is live at {@code now}; nothing
	 * otherwise. A read, for introspection: it changes nothing.
	 */
	Mono<Session> find(SessionKey key, TokenHash presented, Instant now);

	/** Deletes the session; emits the id of its principal, or nothing when there was no session. */
	Mono<String> revoke(SessionKey key);

	/** Deletes every session of the principal; emits how many there were. */
	Mono<Long> revokeAll(String principalId);

}
