package eu.seta.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One login (one {@code /token} call) and the chain of refresh tokens rotated from it.
 *
 * @param key where it is stored
 * @param principalId whose session it is
 * @param current hash of the one refresh token that may be presented now
 * @param previous hash of the token the last rotation replaced; presenting it again is reuse, unless within
 * {@code previousValidUntil}
 * @param previousValidUntil end of the grace window for {@code previous}
 * @param idleExpiresAt when the current token stops working if not used (sliding)
 * @param absoluteExpiresAt the hard end of the session, whatever the rotations
 */
public record Session(SessionKey key, String principalId, TokenHash current, @Nullable TokenHash previous,
		Instant previousValidUntil, Instant idleExpiresAt, Instant absoluteExpiresAt) {

	public Session {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(principalId, "principalId");
		Objects.requireNonNull(current, "current");
		Objects.requireNonNull(previousValidUntil, "previousValidUntil");
		Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
		Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
	}

	/** A session starts with its first refresh token; its idle lifetime never passes its absolute one. */
	public static Session start(SessionKey key, String principalId, TokenHash first, Instant now,
			Duration idleTtl, Duration maxTtl) {
		Instant absolute = now.plus(maxTtl);
		return new Session(key, principalId, first, null, now, earlier(now.plus(idleTtl), absolute), absolute);
	}

	/** Valid while now is before both expiries; at the exact instant of expiry it is over. */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.idleExpiresAt) || !now.isBefore(this.absoluteExpiresAt);
	}

	Session rotatedTo(TokenHash next, Instant now, Duration idleTtl, Duration grace) {
		return new Session(this.key, this.principalId, next, this.current, now.plus(grace),
				earlier(now.plus(idleTtl), this.absoluteExpiresAt), this.absoluteExpiresAt);
	}

	/** A retry within the grace window: the replaced pair is dropped, the grace window is not extended. */
	Session retriedTo(TokenHash next, Instant now, Duration idleTtl) {
		return new Session(this.key, this.principalId, next, this.previous, this.previousValidUntil,
				earlier(now.plus(idleTtl), this.absoluteExpiresAt), this.absoluteExpiresAt);
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
