package eu.seta.gateway.directory;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.seta.gateway.testing.Fuzzing;
import eu.seta.gateway.testing.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public-key text a principal file or the user service carries, OpenSSH ({@code ssh-rsa AAAA...}) or PEM.
 * Contract: text that is no RSA public key is refused with {@link IllegalArgumentException} and nothing else; a key
 * read is an RSA public key (positive modulus, exponent above 1); the key policy judges it without failing; and a key
 * the policy accepts reads back the same from both of the forms the gateway accepts. The seeds are keys of both forms.
 */
class PublicKeyTextFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void publicKeyText(byte[] input) {
		String text = Fuzzing.text(input);
		Fuzzing.Outcome<RSAPublicKey> outcome = Fuzzing.run(() -> PublicKeyText.parse(text))
			.withinBoundsFor(input.length);
		if (!outcome.accepted()) {
			outcome.refusedWith(IllegalArgumentException.class);
			return;
		}
		RSAPublicKey key = outcome.value();
		assertThat(key.getModulus().signum()).isPositive();
		assertThat(key.getPublicExponent()).isGreaterThan(BigInteger.ONE);
		// a key the gateway would accept reads the same from both forms
		if (RsaKeyPolicy.violation(key).isEmpty()) {
			assertThat(PublicKeyText.parse(TestKeys.openSsh(key, "again")).getModulus()).isEqualTo(key.getModulus());
			assertThat(PublicKeyText.parse(TestKeys.pem(key)).getPublicExponent()).isEqualTo(key.getPublicExponent());
		}
	}

}
