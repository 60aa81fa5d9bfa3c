package eu.seta.gateway.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import eu.seta.gateway.crypto.CryptoProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** The rotation steps an operator takes, on a running gateway: publish, switch, retire. */
class ReloadingSigningKeysTests {

	@TempDir
	Path directory;

	@Test
	void rotationStepsTakeEffectWithoutRestart() throws Exception {
		write("k1.json", key("k1"));
		try (ReloadingSigningKeys keys = new ReloadingSigningKeys(this.directory, null, Duration.ofMillis(50), CryptoProvider.jdk())) {
			assertThat(keys.current().active().kid()).isEqualTo("k1");
			// 1. publish the next key; k1 still signs
			write("k2.json", key("k2"));
			write(KeyDirectoryLoader.ACTIVE_KID_FILE, "k1");
			await().atMost(Duration.ofSeconds(10)).until(() -> keys.current().published().getKeyByKeyId("k2") != null);
			assertThat(keys.current().active().kid()).isEqualTo("k1");
			// 2. switch: k2 signs, k1 stays published for the tokens it signed
			write(KeyDirectoryLoader.ACTIVE_KID_FILE, "k2");
			await().atMost(Duration.ofSeconds(10)).until(() -> keys.current().active().kid().equals("k2"));
			assertThat(keys.current().published().getKeyByKeyId("k1")).isNotNull();
			// 3. retire k1 after the longest access-token lifetime
			Files.delete(this.directory.resolve("k1.json"));
			await().atMost(Duration.ofSeconds(10)).until(() -> keys.current().published().getKeyByKeyId("k1") == null);
			assertThat(keys.current().active().kid()).isEqualTo("k2");
		}
	}

	@Test
	void aBrokenUpdateKeepsThePreviousKeys() throws Exception {
		write("k1.json", key("k1"));
		try (ReloadingSigningKeys keys = new ReloadingSigningKeys(this.directory, null, Duration.ofSeconds(60), CryptoProvider.jdk())) {
			write(KeyDirectoryLoader.ACTIVE_KID_FILE, "does-not-exist");
			keys.reload();
			assertThat(keys.current().active().kid()).isEqualTo("k1");
			write("k1.json", "{ not json");
			keys.reload();
			assertThat(keys.current().active().kid()).isEqualTo("k1");
		}
	}

	@Test
	void refusesToStartOnBrokenKeys() throws Exception {
		write("k1.json", "{ not json");
		assertThatIllegalStateException()
			.isThrownBy(() -> new ReloadingSigningKeys(this.directory, null, Duration.ofSeconds(1), CryptoProvider.jdk()))
			.withMessageContaining("unset seta.keys.directory");
	}

	private static String key(String kid) throws Exception {
		JWK jwk = new RSAKeyGenerator(2048).keyID(kid).generate();
		return jwk.toJSONString();
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

}
