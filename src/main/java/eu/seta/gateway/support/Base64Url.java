package eu.seta.gateway.support;

/**
 * The one spelling of bytes in unpadded base64url (RFC 7515). Nimbus' decoder skips letters outside the alphabet,
 * reads {@code +} and {@code /} as {@code -} and {@code _} and ignores the unused bits of the last letter, so many
 * strings decode to one signature: a token whose signature part is respelled still verifies, and is a token of its
 * own to every cache keyed by the token.
 * <p>
 * Written by hand rather than as "encode what the decoder read and compare": that cost a decode and an encode of
 * every new token's signature beside the one nimbus does itself.
 */
public final class Base64Url {

	/** Each letter's value, -1 for what is not in the URL alphabet: asked for every letter of every new token. */
	private static final byte[] VALUES = values();

	private static byte[] values() {
		byte[] values = new byte[128];
		java.util.Arrays.fill(values, (byte) -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < alphabet.length(); i++) {
			values[alphabet.charAt(i)] = (byte) i;
		}
		return values;
	}

	private Base64Url() {
	}

	/**
	 * Whether {@code encoded} is unpadded base64url (RFC 7515): letters of the URL alphabet only, and no length that
	 * leaves a single letter over. Its last letter may still carry spare bits: see {@link #isCanonical(String)}.
	 */
	public static boolean isUnpadded(String encoded) {
		if (encoded.length() % 4 == 1) {
			return false;
		}
		for (int i = 0; i < encoded.length(); i++) {
			if (value(encoded.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code encoded} is the unpadded base64url spelling of some bytes, the one the encoder writes: unpadded
	 * base64url whose last letter's bits beyond the last byte are zero.
	 */
	public static boolean isCanonical(String encoded) {
		if (!isUnpadded(encoded)) {
			return false;
		}
		// two letters carry one byte and 4 spare bits, three letters two bytes and 2 spare bits
		int spareBits = switch (encoded.length() % 4) {
			case 2 -> 0x0f;
			case 3 -> 0x03;
			default -> 0;
		};
		return spareBits == 0 || (value(encoded.charAt(encoded.length() - 1)) & spareBits) == 0;
	}

	private static int value(char letter) {
		return (letter < VALUES.length) ? VALUES[letter] : -1;
	}

}
