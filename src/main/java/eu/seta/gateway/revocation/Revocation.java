package eu.seta.gateway.revocation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** One revocation, as recorded, published and applied; {@code atMillis} is when it happened (epoch ms). */
sealed interface Revocation {

	long atMillis();

	/** Every access token of this session. */
	record OfSession(String sessionId, long atMillis) implements Revocation {

		public OfSession {
			Objects.requireNonNull(sessionId, "sessionId");
		}

	}

	/** Every access token of this principal issued up to then, whatever its session. */
	record OfPrincipal(String principalId, long atMillis) implements Revocation {

		public OfPrincipal {
			Objects.requireNonNull(principalId, "principalId");
		}

	}

	/**
	 * The message on the channel: kind, time and id, with the id last since a principal id may hold any printable
	 * character, the separator included.
	 */
	static String encode(Revocation revocation) {
		if (revocation instanceof OfSession session) {
			return "s|" + session.atMillis() + "|" + session.sessionId();
		}
		OfPrincipal principal = (OfPrincipal) revocation;
		return "p|" + principal.atMillis() + "|" + principal.principalId();
	}

	/** Null for a message this version does not understand (a newer replica's): ignored, not fatal. */
	static @Nullable Revocation decode(String message) {
		int second = message.indexOf('|', 2);
		if (message.length() < 4 || message.charAt(1) != '|' || second < 0) {
			return null;
		}
		long at;
		try {
			at = Long.parseLong(message, 2, second, 10);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		String id = message.substring(second + 1);
		return switch (message.charAt(0)) {
			case 's' -> new OfSession(id, at);
			case 'p' -> new OfPrincipal(id, at);
			default -> null;
		};
	}

}
