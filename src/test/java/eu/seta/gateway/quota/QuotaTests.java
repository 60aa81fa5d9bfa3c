package eu.seta.gateway.quota;

import java.time.Duration;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped quota of the search route (20 per second per principal, bursts of 40) in memory, on the gateway's
 * clock, which only moves when the test moves it: exactly 40 calls pass, the 41st is refused.
 */
@TestPropertySource(properties = "seta.edge.quota.enabled=true")
class QuotaTests extends GatewayIntegrationTest {

	@Test
	void aPrincipalGetsItsBurstThenA429WithTheJsonBodyAndRetryAfter() {
		String alice = "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		search(alice).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "39")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "40")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "20");
		for (int call = 2; call <= 40; call++) {
			search(alice).expectStatus().isOk();
		}
		QuotaAnswers.assertOverQuota(search(alice));
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).as("the refused call reached no backend").hasSize(40);
	}

	@Test
	void onePrincipalOverQuotaLeavesAnotherAlone() {
		String alice = "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		String bob = "Bearer " + login(BOB, BOB_KEY.getPrivate()).accessToken();
		for (int call = 1; call <= 40; call++) {
			search(alice).expectStatus().isOk();
		}
		search(alice).expectStatus().isEqualTo(429);
		search(bob).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "39");
	}

	@Test
	void theQuotaRefillsAtItsRate() {
		String alice = "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		for (int call = 1; call <= 40; call++) {
			search(alice).expectStatus().isOk();
		}
		search(alice).expectStatus().isEqualTo(429);
		this.clock.advance(Duration.ofMillis(500));
		for (int call = 1; call <= 10; call++) {
			search(alice).expectStatus().isOk();
		}
		search(alice).expectStatus().isEqualTo(429);
	}

	@Test
	void aRouteWithoutTheFilterHasNoQuota() {
		for (int call = 1; call <= 60; call++) {
			this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk().expectHeader()
				.doesNotExist("X-RateLimit-Remaining");
		}
	}

	private WebTestClient.ResponseSpec search(String authorization) {
		return this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange();
	}

}
