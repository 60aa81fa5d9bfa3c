package eu.seta.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.StandardPrincipals;
import eu.seta.gateway.testing.TokenPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quickstart with the profile {@code demo}: the shipped directory, the demo key of config/dev, and a
 * proxied call that reaches the stand-in backend and comes back 200 with the caller the gateway vouched for.
 */
class DemoProfileTests {

	@Test
	void quickstartWithTheDemoProfileGetsA200FromTheSearchRoute() throws IOException {
		int backendPort = freePort();
		try (RunningGateway gateway = RunningGateway.start(Map.of("spring.profiles.active", "demo",
				"seta.demo.backend-port", backendPort, "seta.directory.file", "config/principals.yml"))) {
			TokenPair pair = gateway.tokens().login(StandardPrincipals.DEMO, demoKeyPair().getPrivate());
			gateway.web()
				.post()
				.uri("/seta-search/api/v1/corpus?lang=en")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
				.header("X-Seta-Role", "Administrator")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"term\":\"climate\",\"n_docs\":10,\"from_doc\":0}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.backend").isEqualTo("seta-gateway demo stand-in")
				.jsonPath("$.method").isEqualTo("POST")
				.jsonPath("$.uri").isEqualTo("/seta-search/api/v1/corpus?lang=en")
				.jsonPath("$.caller['X-Seta-User-Id']").isEqualTo("demo-user")
				.jsonPath("$.caller['X-Seta-Role']").isEqualTo("User");
			gateway.web()
				.get()
				.uri("/seta-search/api/v1/corpus")
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

	@Test
	void withoutTheProfileThereIsNoStandInBackend() {
		try (RunningGateway gateway = RunningGateway.start(Map.of())) {
			assertThat(gateway.beans(DemoBackend.class)).isEmpty();
		}
	}

	private static KeyPair demoKeyPair() throws IOException {
		try (PEMParser parser = new PEMParser(Files.newBufferedReader(Path.of("config/dev/demo_rsa")))) {
			return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject());
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
