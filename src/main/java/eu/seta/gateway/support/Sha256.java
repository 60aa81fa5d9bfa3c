package eu.seta.gateway.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256, for storing and looking up secrets by hash instead of by value. */
public final class Sha256 {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/**
	 * Copied for each use: a copy is a few words of state, where {@code getInstance} looked the algorithm up in
	 * every installed provider again (a login hashes four to six values).
	 */
	private static final MessageDigest PROTOTYPE = newDigest();

	private Sha256() {
	}

	public static byte[] digest(byte[] input) {
		return copy().digest(input);
	}

	private static MessageDigest copy() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			// a provider whose digest cannot be copied: a new one each time, as before
			return newDigest();
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/** Base64url (no padding) of the SHA-256 of the UTF-8 bytes: 43 characters. */
	public static String base64url(String input) {
		return BASE64URL.encodeToString(digest(input.getBytes(StandardCharsets.UTF_8)));
	}

}
