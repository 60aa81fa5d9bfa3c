package eu.seta.gateway.audit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.CAROL_DISABLED;
import static eu.seta.gateway.testing.StandardPrincipals.CAROL_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.DAVE_NO_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees: counters on the management port that move with security events, one JSON audit line per
 * event on its own logger, structured JSON console logs when switched on, and no secret in any of it.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class ObservabilityTests extends GatewayIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalManagementPort
	int managementPort;

	@Test
	void countersMoveWithIssuedAndRefusedTokens() {
		double issued = counter("seta_tokens_issued_total ");
		double badSignature = counter("seta_proofs_rejected_total{reason=\"bad_signature\"");
		double replayed = counter("seta_proofs_rejected_total{reason=\"replayed\"");
		login(ALICE, ALICE_KEY.getPrivate());
		String message = Messages.randomLetters();
		postToken(proof(ALICE, BOB_KEY.getPrivate(), message)).expectStatus().isUnauthorized();
		var proof = proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
		postToken(proof).expectStatus().isOk();
		postToken(proof).expectStatus().isUnauthorized();
		assertThat(counter("seta_tokens_issued_total ")).isEqualTo(issued + 2);
		assertThat(counter("seta_proofs_rejected_total{reason=\"bad_signature\"")).isEqualTo(badSignature + 1);
		assertThat(counter("seta_proofs_rejected_total{reason=\"replayed\"")).isEqualTo(replayed + 1);
		assertThat(prometheus()).contains("seta_store_operations_seconds_count{operation=\"start\",outcome=\"success\"")
			.contains("cache_gets_total{cache=\"seta.bearer.verified\"");
	}

	@Test
	void reuseDetectionWritesOneJsonAuditLineAndNoSecretIsLogged(CapturedOutput output) {
		List<String> secrets = new ArrayList<>();
		String message = Messages.randomLetters();
		String signature = TestKeys.sign(ALICE_KEY.getPrivate(), message);
		secrets.add(signature);
		TokenPair first = this.tokensFrom(postToken(proof("github", "alice", message, signature)));
		TokenPair second = refreshed(first.refreshToken());
		double reuses = counter("seta_refresh_reuse_detected_total");
		refresh(first.refreshToken()).expectStatus().isUnauthorized();
		assertThat(counter("seta_refresh_reuse_detected_total")).isEqualTo(reuses + 1);
		for (TokenPair pair : List.of(first, second)) {
			secrets.add(pair.accessToken());
			secrets.add(pair.refreshToken());
			secrets.add(pair.refreshToken().substring(8));
			secrets.add(pair.accessToken().split("\\.")[2]);
		}
		secrets.add(HexFormat.of().formatHex(ALICE_KEY.getPublic().getEncoded()).substring(0, 64));

		List<JsonNode> reuseLines = new ArrayList<>();
		for (String line : output.getOut().lines().toList()) {
			if (!line.startsWith("{")) {
				continue;
			}
			JsonNode ecs = JSON.readTree(line);
			if ("seta.audit".equals(ecs.path("log").path("logger").stringValue(""))
					&& ecs.path("message").stringValue("").contains("\"reuse_detected\"")) {
				reuseLines.add(ecs);
			}
		}
		assertThat(reuseLines).hasSize(1);
		JsonNode ecs = reuseLines.get(0);
		assertThat(ecs.path("log").path("level").stringValue("")).isEqualTo("WARN");
		JsonNode audit = JSON.readTree(ecs.path("message").stringValue(""));
		assertThat(audit.get("event").stringValue()).isEqualTo("reuse_detected");
		assertThat(audit.get("principal").stringValue()).isEqualTo("u-alice");
		assertThat(audit.get("client").stringValue()).isEqualTo("127.0.0.1");
		assertThat(audit.get("session").stringValue()).hasSize(12);
		assertThat(audit.get("reason").stringValue()).isEqualTo("rotated_token_presented");
		assertThat(audit.get("time").stringValue()).isNotBlank();
		for (String secret : secrets) {
			assertThat(output.getAll()).as("the log holds no token, signature or key").doesNotContain(secret);
		}
	}

	/** Each kind of refused proof leaves one audit line that says why; the client only ever sees the same 401. */
	@Test
	void eachRefusedProofWritesOneAuditLineWithItsReason(CapturedOutput output) {
		postToken(proof("github", "nobody-" + Messages.randomLetters(), Messages.randomLetters(), "ab".repeat(256)))
			.expectStatus()
			.isUnauthorized();
		postToken(proof(DAVE_NO_KEY, ALICE_KEY.getPrivate(), Messages.randomLetters())).expectStatus().isUnauthorized();
		postToken(proof(ALICE, BOB_KEY.getPrivate(), Messages.randomLetters())).expectStatus().isUnauthorized();
		postToken(proof(CAROL_DISABLED, CAROL_KEY.getPrivate(), Messages.randomLetters())).expectStatus()
			.isUnauthorized();
		List<String> reasons = new ArrayList<>();
		for (String line : output.getOut().lines().toList()) {
			if (!line.startsWith("{")) {
				continue;
			}
			JsonNode ecs = JSON.readTree(line);
			if ("seta.audit".equals(ecs.path("log").path("logger").stringValue(""))) {
				JsonNode audit = JSON.readTree(ecs.path("message").stringValue(""));
				if ("proof_rejected".equals(audit.path("event").stringValue(""))) {
					reasons.add(audit.path("reason").stringValue(""));
				}
			}
		}
		assertThat(reasons).containsExactly("unknown_principal", "no_key", "bad_signature", "principal_disabled");
	}

	private TokenPair tokensFrom(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(TokenPair.class).returnResult().getResponseBody();
	}

	/** A proxied call is timed once, by its route; the gateway's own endpoints by their URI. */
	@Test
	void proxiedCallsAreTimedByRouteAndOwnEndpointsByUri() {
		double routed = counter("spring_cloud_gateway_requests_seconds_count{");
		double jwksCalls = counter("http_server_requests_seconds_count{", "uri=\"/.well-known/jwks.json\"");
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
		String metrics = prometheus();
		assertThat(counter("spring_cloud_gateway_requests_seconds_count{")).isEqualTo(routed + 2);
		assertThat(metrics).contains("routeId=\"seta-ui\"").doesNotContain("uri=\"UNKNOWN\"");
		assertThat(counter("http_server_requests_seconds_count{", "uri=\"/.well-known/jwks.json\"")).isEqualTo(jwksCalls + 1);
		assertThat(metrics).contains("uri=\"/.well-known/jwks.json\"");
	}

	private String prometheus() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.managementPort)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private double counter(String prefix) {
		return counter(prefix, "");
	}

	private double counter(String prefix, String tag) {
		return prometheus().lines()
			.filter((line) -> line.startsWith(prefix) && line.contains(tag))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
