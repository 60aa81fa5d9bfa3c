package eu.seta.gateway.directory;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;

import eu.seta.gateway.testing.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	/** The size limits at their edges; only the modulus matters here, so no key pair is generated. */
	@Test
	void acceptsFrom2048To8192BitsAndNothingOutside() throws Exception {
		assertThat(RsaKeyPolicy.violation(publicKey(BigInteger.ONE.shiftLeft(2046).add(BigInteger.ONE))))
			.contains("RSA key has 2047 bits; at least 2048 are required");
		assertThat(RsaKeyPolicy.violation(publicKey(modulusOfBits(2048)))).isEmpty();
		assertThat(RsaKeyPolicy.violation(publicKey(modulusOfBits(8192)))).isEmpty();
		assertThat(RsaKeyPolicy.violation(publicKey(BigInteger.ONE.shiftLeft(8192).add(BigInteger.ONE))))
			.contains("RSA key has 8193 bits; at most 8192 are accepted");
	}

	/** Found by PublicKeyTextFuzzTests: read from PEM, such a key was accepted; its OpenSSH form was refused. */
	@Test
	void refusesAModulusWithASmallPrimeFactorAndReadsBothFormsAlike() throws Exception {
		BigInteger real = ((RSAPublicKey) TestKeys.rsa2048().getPublic()).getModulus();
		BigInteger divisibleBy3 = real.subtract(real.mod(BigInteger.valueOf(3)));
		if (!divisibleBy3.testBit(0)) {
			divisibleBy3 = divisibleBy3.subtract(BigInteger.valueOf(3));
		}
		RSAPublicKey broken = publicKey(divisibleBy3);
		assertThat(broken.getModulus().bitLength()).isEqualTo(2048);
		assertThat(RsaKeyPolicy.violation(broken)).contains("RSA modulus has a small prime factor");
		RSAPublicKey fromPem = PublicKeyText.parse(TestKeys.pem(broken));
		assertThat(RsaKeyPolicy.violation(fromPem)).isPresent();
		assertThatIllegalArgumentException().isThrownBy(() -> PublicKeyText.parse(TestKeys.openSsh(broken, "x")));
	}

	@Test
	void refusesAPrimeModulus() throws Exception {
		BigInteger prime = BigInteger.ONE.shiftLeft(2047).nextProbablePrime();
		assertThat(RsaKeyPolicy.violation(publicKey(prime))).isPresent();
	}

	/** Primes just under 2^1024, as many as the size needs: a product of exactly that many bits, no small factors. */
	private static BigInteger modulusOfBits(int bits) {
		BigInteger modulus = BigInteger.ONE;
		for (int i = 0; i < bits / 1024; i++) {
			modulus = modulus.multiply(BigInteger.ONE.shiftLeft(1024)
				.subtract(BigInteger.ONE.shiftLeft(1000))
				.subtract(BigInteger.valueOf(i).shiftLeft(990))
				.nextProbablePrime());
		}
		assertThat(modulus.bitLength()).isEqualTo(bits);
		return modulus;
	}

	private static RSAPublicKey publicKey(BigInteger modulus) throws Exception {
		return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
			.generatePublic(new java.security.spec.RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
	}

}
