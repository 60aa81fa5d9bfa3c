package eu.seta.gateway.edge;

import java.util.Base64;
import java.util.Random;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK's decoding of a canonical signature part is nimbus' own, byte for byte, for every length. */
class CanonicalSignatureTests {

	private final Random random = new Random(20261207);

	@Test
	void decodesWhatNimbusDecodes() {
		for (int length = 0; length <= 600; length++) {
			byte[] bytes = new byte[length];
			this.random.nextBytes(bytes);
			String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			assertThat(new CanonicalSignature(encoded).decode()).as("length %d", length)
				.isEqualTo(new Base64URL(encoded).decode())
				.isEqualTo(bytes);
		}
	}

	@Test
	void isTheSameValueToNimbus() {
		assertThat(new CanonicalSignature("-_8")).isEqualTo(new Base64URL("-_8"));
		assertThat(new CanonicalSignature("-_8").toString()).isEqualTo("-_8");
	}

}
