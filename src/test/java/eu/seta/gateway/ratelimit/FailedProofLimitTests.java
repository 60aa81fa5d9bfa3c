package eu.seta.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import eu.seta.gateway.testing.AuditLines;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_1;
import static org.assertj.core.api.Assertions.assertThat;

/** Failed proofs spend budgets per address and per login; the test client stands for a trusted proxy. */
@TestPropertySource(properties = { "seta.rate-limit.failures-per-address=5", "seta.rate-limit.address-period=1m",
		"seta.rate-limit.failures-per-login=3", "seta.rate-limit.login-period=10m",
		"seta.edge.trusted-proxies=127.0.0.1/32,::1/128" })
class FailedProofLimitTests extends GatewayIntegrationTest {

	private AuditLines audit;

	/** Once the context runs: starting one sets logging up afresh, which drops an appender attached before. */
	@BeforeEach
	void attach() {
		this.audit = new AuditLines();
	}

	@AfterEach
	void detach() {
		this.audit.close();
	}

	@Test
	void aLoginsBudgetRefusesFurtherFailuresFromAnywhereButNeverTheRightKey() {
		for (int i = 0; i < 3; i++) {
			fail(ERIN.provider(), ERIN.username(), "198.51.100." + (10 + i)).expectStatus().isUnauthorized();
		}
		fail(ERIN.provider(), ERIN.username(), "198.51.100.99").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueMatches(HttpHeaders.RETRY_AFTER, "\\d+")
			.expectBody()
			.json("{\"error\":\"too_many_requests\",\"message\":\"Too many failed attempts; retry later.\"}", true);
		assertThat(this.audit.of("rate_limited")).singleElement().satisfies((line) -> {
			assertThat(line.get("login").stringValue()).isEqualTo("github/erin");
			assertThat(line.get("client").stringValue()).isEqualTo("198.51.100.99");
		});
		long retryAfter = Long.parseLong(fail(ERIN.provider(), ERIN.username(), "198.51.100.98").returnResult(Void.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER));
		// one failure refills in a third of the period
		assertThat(retryAfter).isBetween(190L, 200L);
		// whoever spent the login's budget, its owner still gets in
		attempt(proofFor(ERIN_KEY_1), "198.51.100.97").expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(retryAfter));
		fail(ERIN.provider(), ERIN.username(), "198.51.100.96").expectStatus().isUnauthorized();
	}

	@Test
	void anAddressBudgetHoldsWhateverTheLogin() {
		String address = "203.0.113.50";
		for (int i = 0; i < 5; i++) {
			fail("github", "nobody-" + i + "-" + Messages.randomLetters(), address).expectStatus().isUnauthorized();
		}
		attempt(proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()), address).expectStatus().isEqualTo(429);
		assertThat(this.audit.of("rate_limited")).singleElement().satisfies((line) -> {
			assertThat(line.get("login").stringValue()).isEqualTo("github/alice");
			assertThat(line.get("client").stringValue()).isEqualTo(address);
		});
		// a client cannot leave its address by writing more of the header: the right-most untrusted hop counts
		attempt(proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()), "192.0.2.1, " + address)
			.expectStatus()
			.isEqualTo(429);
		attempt(proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()), "203.0.113.51").expectStatus().isOk();
	}

	@Test
	void successfulLoginsSpendNothing() {
		for (int i = 0; i < 10; i++) {
			attempt(proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()), "203.0.113.77").expectStatus().isOk();
		}
	}

	private Map<String, Object> proofFor(java.security.KeyPair key) {
		return proof(ERIN, key.getPrivate(), Messages.randomLetters());
	}

	private WebTestClient.ResponseSpec fail(String provider, String username, String address) {
		String message = Messages.randomLetters();
		return attempt(proof(provider, username, message, TestKeys.sign(BOB_KEY.getPrivate(), message)), address);
	}

	private WebTestClient.ResponseSpec attempt(Map<String, Object> body, String forwardedFor) {
		return this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", forwardedFor)
			.bodyValue(body)
			.exchange();
	}

}
