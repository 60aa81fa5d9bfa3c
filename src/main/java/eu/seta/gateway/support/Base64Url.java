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

	private Base64Url() {
	}

	/**
	 * Whether {@code encoded} is the unpadded base64url spelling of some bytes, the one the encoder writes: letters of
	 * the URL alphabet only, a length an encoding can have, and the last letter's bits beyond the last byte zero.
	 */
	public static boolean isCanonical(String encoded) {
		int length = encoded.length();
		if (length % 4 == 1) {
			return false;
		}
		int last = 0;
		for (int i = 0; i < length; i++) {
			last = value(encoded.charAt(i));
			if (last < 0) {
				return false;
			}
		}
		return switch (length % 4) {
			// two letters carry one byte and 4 spare bits, three letters two bytes and 2 spare bits
			case 2 -> (last & 0x0f) == 0;
			case 3 -> (last & 0x03) == 0;
			default -> true;
		};
	}

	private static int value(char letter) {
		if (letter >= 'A' && letter <= 'Z') {
			return letter - 'A';
		}
		if (letter >= 'a' && letter <= 'z') {
			return letter - 'a' + 26;
		}
		if (letter >= '0' && letter <= '9') {
			return letter - '0' + 52;
		}
		return switch (letter) {
			case '-' -> 62;
			case '_' -> 63;
			default -> -1;
		};
	}

}
