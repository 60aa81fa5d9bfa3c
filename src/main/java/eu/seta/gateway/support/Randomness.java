package eu.seta.gateway.support;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Secret random bytes for tokens and ids, from the JDK's DRBG (NIST SP 800-90A): seeded once from the operating
 * system, then generated in memory. The default {@code NativePRNG} reads {@code /dev/urandom} on every call, a
 * file read on a Netty event loop; this never touches a file after start-up.
 */
public final class Randomness {

	private static final SecureRandom RANDOM = drbg();

	private Randomness() {
	}

	public static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** A random (version 4) UUID, as {@link UUID#randomUUID()} makes one, from the DRBG. */
	public static UUID uuid() {
		ByteBuffer random = ByteBuffer.wrap(bytes(16));
		long high = (random.getLong() & ~0xF000L) | 0x4000L;
		long low = (random.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("DRBG is required of every Java 9+ platform", ex);
		}
	}

}
