package eu.seta.gateway.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.StandardPrincipals;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TokenPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Existing SeTA clients: a key made with {@code ssh-keygen} (config/dev/demo_rsa) and proofs signed by
 * pycryptodome exactly as the Python sample client signs (src/test/resources/python-client).
 */
class PythonClientCompatibilityTests extends GatewayIntegrationTest {

	@Test
	void proofsSignedByPycryptodomeObtainTokens() throws IOException {
		JsonNode recorded = recordedProofs();
		for (JsonNode proof : recorded.get("proofs")) {
			TokenPair pair = postToken(proof(recorded.get("provider").stringValue(),
					recorded.get("username").stringValue(), proof.get("rsa_original_message").stringValue(),
					proof.get("rsa_message_signature").stringValue()))
				.expectStatus()
				.isOk()
				.expectBody(TokenPair.class)
				.returnResult()
				.getResponseBody();
			assertThat(Jwts.claims(pair.accessToken()).get("sub").stringValue()).isEqualTo("demo-user");
		}
	}

	/** PKCS#1 v1.5 is deterministic: the JDK and pycryptodome must produce the very same bytes. */
	@Test
	void jdkSignatureEqualsThePycryptodomeOne() throws IOException {
		KeyPair demo = demoKeyPair();
		for (JsonNode proof : recordedProofs().get("proofs")) {
			assertThat(TestKeys.sign(demo.getPrivate(), proof.get("rsa_original_message").stringValue()))
				.isEqualTo(proof.get("rsa_message_signature").stringValue());
		}
	}

	@Test
	void sshKeygenKeyPairLogsIn() throws IOException {
		TokenPair pair = login(StandardPrincipals.DEMO, demoKeyPair().getPrivate());
		assertThat(Jwts.claims(pair.accessToken()).get("sub").stringValue()).isEqualTo("demo-user");
	}

	private static JsonNode recordedProofs() throws IOException {
		try (InputStream in = PythonClientCompatibilityTests.class.getResourceAsStream("/python-client/demo-proofs.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static KeyPair demoKeyPair() throws IOException {
		try (PEMParser parser = new PEMParser(Files.newBufferedReader(Path.of("config/dev/demo_rsa")))) {
			return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject());
		}
	}

}
