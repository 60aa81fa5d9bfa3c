package eu.seta.gateway.directory;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;

import eu.seta.gateway.testing.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RsaKeyPolicyTests {

	@Test
	void acceptsA2048BitKeyWithExponent65537() {
		assertThat(RsaKeyPolicy.violation((RSAPublicKey) TestKeys.rsa2048().getPublic())).isEmpty();
	}

	@Test
	void refusesKeysUnder2048Bits() {
		RSAPublicKey weak = (RSAPublicKey) TestKeys.rsa(1024, BigInteger.valueOf(65537)).getPublic();
		assertThat(RsaKeyPolicy.violation(weak)).contains("RSA key has 1024 bits; at least 2048 are required");
	}

	@Test
	void refusesSmallExponents() {
		RSAPublicKey smallExponent = (RSAPublicKey) TestKeys.rsa(2048, BigInteger.valueOf(3)).getPublic();
		assertThat(RsaKeyPolicy.violation(smallExponent)).contains("RSA public exponent must be 65537");
	}

	/** The size limits at their edges; only the modulus length matters here, so no key pair is generated. */
	@Test
	void acceptsFrom2048To8192BitsAndNothingOutside() throws Exception {
		assertThat(RsaKeyPolicy.violation(publicKeyOfBits(2047))).contains("RSA key has 2047 bits; at least 2048 are required");
		assertThat(RsaKeyPolicy.violation(publicKeyOfBits(2048))).isEmpty();
		assertThat(RsaKeyPolicy.violation(publicKeyOfBits(8192))).isEmpty();
		assertThat(RsaKeyPolicy.violation(publicKeyOfBits(8193))).contains("RSA key has 8193 bits; at most 8192 are accepted");
	}

	private static RSAPublicKey publicKeyOfBits(int bits) throws Exception {
		BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
		return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
			.generatePublic(new java.security.spec.RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
	}

}
