package eu.seta.gateway.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import eu.seta.gateway.testing.TestIssuer;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a trusted issuer: its tokens at the edge while its keys must be fetched (they are stale at the start of each
 * test, and replaced in place in the middle), the token exchange and a refresh of its pair, on top of the
 * inherited paths of the gateway's own tokens. Fetching keys blocks, so it must happen on bounded-elastic threads,
 * never on an event loop. Runs in the BlockHound JVM under the detector {@link EventLoopBlockHoundTests} installs.
 */
class TrustedIssuerBlockHoundTests extends EventLoopBlockHoundTests {

	private static volatile Clock tokenClock = Clock.systemUTC();

	private static final TestIssuer ISSUER = TestIssuer.start(() -> tokenClock);

	@DynamicPropertySource
	static void trustedIssuer(DynamicPropertyRegistry registry) {
		registry.add("seta.edge.trusted-issuers[0].issuer", () -> ISSUER.issuer("ecas"));
		registry.add("seta.edge.trusted-issuers[0].audiences[0]", () -> "seta-console");
		registry.add("seta.edge.trusted-issuers[0].provider", () -> "ecas");
		registry.add("seta.edge.trusted-issuers[0].require-principal", () -> "true");
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.close();
	}

	@BeforeEach
	void issuerTokensAtTheGatewaysTime() {
		tokenClock = this.clock;
	}

	@Test
	void trustedIssuerTokensKeyFetchesAndTheExchangeNeverBlock() {
		BLOCKING_CALLS.clear();
		for (int i = 0; i < 3; i++) {
			// the keys are stale (the clock moved), then replaced at the issuer: both fetch
			this.clock.advance(Duration.ofHours(2));
			assertThat(status(token())).isEqualTo(200);
			ISSUER.restartWithNewKeys();
			this.clock.advance(Duration.ofSeconds(31));
			assertThat(status(token())).isEqualTo(200);
			TokenPair pair = this.client.post()
				.uri("/authentication/v1/token")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
					.with("subject_token", token())
					.with("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(TokenPair.class)
				.returnResult()
				.getResponseBody();
			assertThat(status(refreshed(pair.refreshToken()).accessToken())).isEqualTo(200);
		}
		assertThat(BLOCKING_CALLS).isEmpty();
	}

	private String token() {
		return ISSUER.token("ecas", "n00eve", "seta-console", Map.of("preferred_username", "eve"));
	}

	private int status(String token) {
		return this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

}
