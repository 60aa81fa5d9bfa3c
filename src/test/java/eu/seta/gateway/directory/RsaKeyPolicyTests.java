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

}
