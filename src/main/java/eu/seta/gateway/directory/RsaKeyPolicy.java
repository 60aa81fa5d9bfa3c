package eu.seta.gateway.directory;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * Which client keys the gateway trusts. NIST SP 800-131A and RFC 8725 section 3.5 put the floor at 2048 bits;
 * the exponent is fixed at 65537 as in FIPS 186-5 practice (small exponents invite the Bleichenbacher-style
 * forgeries of CVE-2006-4339); the ceiling keeps a crafted huge key from making verification a CPU sink; and the
 * modulus must be one an RSA key can have (odd, without small prime factors, composite).
 */
public final class RsaKeyPolicy {

	public static final int MIN_BITS = 2048;

	public static final int MAX_BITS = 8192;

	private static final BigInteger F4 = BigInteger.valueOf(65537);

	private RsaKeyPolicy() {
	}

	/** @return the reason the key is refused, or empty when it is acceptable */
	public static Optional<String> violation(RSAPublicKey key) {
		int bits = key.getModulus().bitLength();
		if (bits < MIN_BITS) {
			return Optional.of("RSA key has " + bits + " bits; at least " + MIN_BITS + " are required");
		}
		if (bits > MAX_BITS) {
			return Optional.of("RSA key has " + bits + " bits; at most " + MAX_BITS + " are accepted");
		}
		if (!F4.equals(key.getPublicExponent())) {
			return Optional.of("RSA public exponent must be 65537");
		}
		try {
			// BouncyCastle's checks of a public modulus: odd, no small prime factor, not prime. The OpenSSH reader
			// makes them on its own; without them here a PEM key refused in OpenSSH form was accepted (found by
			// PublicKeyTextFuzzTests). Such a modulus is no RSA key: whoever factors it signs for the principal.
			new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent());
		}
		catch (IllegalArgumentException ex) {
			return Optional.of(ex.getMessage());
		}
		return Optional.empty();
	}

}
