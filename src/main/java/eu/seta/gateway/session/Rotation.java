package eu.seta.gateway.session;

/** What presenting a refresh token did to its session. */
public sealed interface Rotation {

	/** The presented token was current (or the previous one within the grace window): the session moved on. */
	record Rotated(Session session) implements Rotation {
	}

	/** The presented token had already been rotated away: the session is revoked, every descendant with it. */
	record Reused(SessionKey key, String principalId) implements Rotation {
	}

	/** The session ended by its idle or absolute lifetime; it is gone now. */
	record Expired(SessionKey key, String principalId) implements Rotation {
	}

	/** No session for this token: never issued, revoked, or long expired. */
	record Unknown() implements Rotation {
	}

}
