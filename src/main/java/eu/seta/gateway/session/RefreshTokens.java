package eu.seta.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import eu.seta.gateway.support.Randomness;
import eu.seta.gateway.support.Sha256;

/**
 * Makes and reads refresh tokens. A refresh token is opaque, never a JWT, so it can never pass for an access
 * token: {@code seta_rt_} followed by base64url of
 * <pre>
 *   version (1 byte) | principal tag (8) | session id (16) | secret (32 bytes, 256 bits, new on every rotation)
 * </pre>
 * The prefix lets secret scanners recognise a leaked token. The principal tag is a hash of the principal id and
 * keeps a principal's sessions in one Redis Cluster slot; the session id stays the same along a rotation chain,
 * which is what lets the store tell a reused old token from a stranger's.
 */
public final class RefreshTokens {

	public static final String PREFIX = "seta_rt_";

	private static final byte VERSION = 1;

	private static final int TAG_BYTES = 8;

	private static final int SESSION_ID_BYTES = 16;

	private static final int SECRET_BYTES = 32;

	private static final int TOKEN_BYTES = 1 + TAG_BYTES + SESSION_ID_BYTES + SECRET_BYTES;

	private static final int ENCODED_LENGTH = PREFIX.length() + (TOKEN_BYTES * 4 + 2) / 3;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private RefreshTokens() {
	}

	/** A token as handed to the client, with what the store keeps of it. */
	public record Issued(String value, SessionKey key, TokenHash hash) {

		@Override
		public String toString() {
			return "Issued[session=" + this.key.logId() + "]";
		}

	}

	/** A token as presented by a client: its session and its hash; the raw bytes are kept for the next rotation. */
	public record Presented(SessionKey key, TokenHash hash, byte[] tagAndSession) {

		@Override
		public String toString() {
			return "Presented[session=" + this.key.logId() + "]";
		}

	}

	/** The first token of a new session of this principal. */
	public static Issued newSession(String principalId) {
		byte[] tagAndSession = new byte[TAG_BYTES + SESSION_ID_BYTES];
		System.arraycopy(principalTag(principalId), 0, tagAndSession, 0, TAG_BYTES);
		byte[] sessionId = Randomness.bytes(SESSION_ID_BYTES);
		System.arraycopy(sessionId, 0, tagAndSession, TAG_BYTES, SESSION_ID_BYTES);
		return issue(tagAndSession);
	}

	/** The token that replaces {@code presented} in the same session. */
	public static Issued next(Presented presented) {
		return issue(presented.tagAndSession());
	}

	/** Empty when the text cannot be one of our refresh tokens; such text is never looked up. */
	public static Optional<Presented> parse(String value) {
		if (value.length() != ENCODED_LENGTH || !value.startsWith(PREFIX)) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != TOKEN_BYTES || bytes[0] != VERSION) {
			return Optional.empty();
		}
		byte[] tagAndSession = Arrays.copyOfRange(bytes, 1, 1 + TAG_BYTES + SESSION_ID_BYTES);
		return Optional.of(new Presented(keyOf(tagAndSession), hashOf(value), tagAndSession));
	}

	/** Looks like a JWT (three base64url parts): an access token presented where a refresh token belongs. */
	public static boolean looksLikeJwt(String value) {
		return value.startsWith("eyJ") && value.chars().filter((c) -> c == '.').count() == 2;
	}

	/** The slot of all sessions of a principal, for revoking them together. */
	public static String slotOf(String principalId) {
		return HexFormat.of().formatHex(principalTag(principalId));
	}

	private static Issued issue(byte[] tagAndSession) {
		byte[] bytes = new byte[TOKEN_BYTES];
		bytes[0] = VERSION;
		System.arraycopy(tagAndSession, 0, bytes, 1, tagAndSession.length);
		byte[] secret = Randomness.bytes(SECRET_BYTES);
		System.arraycopy(secret, 0, bytes, 1 + tagAndSession.length, SECRET_BYTES);
		String value = PREFIX + BASE64URL.encodeToString(bytes);
		return new Issued(value, keyOf(tagAndSession), hashOf(value));
	}

	private static SessionKey keyOf(byte[] tagAndSession) {
		String slot = HexFormat.of().formatHex(tagAndSession, 0, TAG_BYTES);
		byte[] sessionId = Arrays.copyOfRange(tagAndSession, TAG_BYTES, tagAndSession.length);
		// 96 bits of the hash: unique among far more sessions than any deployment holds, and not the id itself
		return new SessionKey(slot, BASE64URL.encodeToString(Arrays.copyOf(Sha256.digest(sessionId), 12)));
	}

	/**
	 * 128 bits of the SHA-256: finding a token for a stored hash stays a 2^128 search against a 256-bit secret,
	 * and the session costs Redis 42 bytes less.
	 */
	private static TokenHash hashOf(String value) {
		byte[] digest = Sha256.digest(value.getBytes(StandardCharsets.US_ASCII));
		return new TokenHash(BASE64URL.encodeToString(Arrays.copyOf(digest, 16)));
	}

	private static byte[] principalTag(String principalId) {
		return Arrays.copyOf(Sha256.digest(("seta-principal:" + principalId).getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
	}

}
