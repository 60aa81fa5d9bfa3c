package eu.seta.gateway.token;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * README, "Configuration": {@code seta.token.issuer} unset means {@code http://localhost:<port>} of the port the
 * gateway actually listens on (here a random one); set, it is used as it is.
 */
@ExtendWith(OutputCaptureExtension.class)
class IssuerTests {

	@Test
	void anUnsetIssuerFollowsThePortTheGatewayListensOn(CapturedOutput output) {
		Map<String, Object> settings = new HashMap<>();
		settings.put("seta.token.issuer", null);
		try (RunningGateway gateway = RunningGateway.start(settings)) {
			String expected = "http://localhost:" + gateway.port();
			gateway.web()
				.get()
				.uri("/.well-known/oauth-authorization-server")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.issuer")
				.isEqualTo(expected)
				.jsonPath("$.token_endpoint")
				.isEqualTo(expected + "/authentication/v1/token")
				.jsonPath("$.jwks_uri")
				.isEqualTo(expected + "/.well-known/jwks.json");
			String token = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate()).accessToken();
			assertThat(Jwts.claims(token).get("iss").stringValue()).isEqualTo(expected);
			// and the edge accepts the gateway's own token: no route answers, but the token got past the check
			gateway.web()
				.get()
				.uri("/nowhere")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isNotFound();
			gateway.web()
				.get()
				.uri("/seta-search/x")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).isNotEqualTo(401));
			assertThat(output.getAll()).contains("seta.token.issuer is not set: tokens and "
					+ "/.well-known/oauth-authorization-server name " + expected + " as their issuer");
		}
	}

	/** Issue 17's case: {@code --server.port=9000} on the command line, on a port free on this machine. */
	@Test
	void anUnsetIssuerFollowsThePortGivenOnTheCommandLine() throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Map<String, Object> settings = new HashMap<>();
		settings.put("seta.token.issuer", null);
		settings.put("server.port", port);
		try (RunningGateway gateway = RunningGateway.start(settings)) {
			assertThat(gateway.port()).isEqualTo(port);
			assertIssuer(gateway, "http://localhost:" + port);
		}
	}

	@Test
	void anEmptyIssuerCountsAsUnset() {
		try (RunningGateway gateway = RunningGateway.start(Map.of("seta.token.issuer", ""))) {
			String token = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate()).accessToken();
			assertThat(Jwts.claims(token).get("iss").stringValue()).isEqualTo("http://localhost:" + gateway.port());
		}
	}

	@Test
	void aSetIssuerIsUsedAsItIs() {
		try (RunningGateway gateway = RunningGateway.start(Map.of("seta.token.issuer", "https://seta.example.org/"))) {
			assertIssuer(gateway, "https://seta.example.org");
		}
	}

	@Test
	void anIssuerThatIsNoUrlStopsStartUp(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> RunningGateway.start(Map.of("seta.token.issuer", "seta.example.org")).close());
		assertThat(output.getAll()).contains("seta.token.issuer must be an http or https URL without query or fragment");
	}

	/** The issuer the metadata names and a fresh token carries. */
	private static void assertIssuer(RunningGateway gateway, String expected) {
		gateway.web()
			.get()
			.uri("/.well-known/oauth-authorization-server")
			.exchange()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo(expected);
		String token = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		assertThat(Jwts.claims(token).get("iss").stringValue()).isEqualTo(expected);
	}

}
