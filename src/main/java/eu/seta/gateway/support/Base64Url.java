package eu.seta.gateway.support;

import java.util.Base64;

/**
 * The one spelling of bytes in unpadded base64url (RFC 7515). Nimbus' decoder skips letters outside the alphabet,
 * reads {@code +} and {@code /} as {@code -} and {@code _} and ignores the unused bits of the last letter, so many
 * strings decode to one signature: a token whose signature part is respelled still verifies, and is a token of its
 * own to every cache keyed by the token.
 */
public final class Base64Url {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private Base64Url() {
	}

	/** Whether {@code encoded} is the one unpadded base64url spelling of {@code decoded}. */
	public static boolean isCanonical(String encoded, byte[] decoded) {
		return ENCODER.encodeToString(decoded).equals(encoded);
	}

}
