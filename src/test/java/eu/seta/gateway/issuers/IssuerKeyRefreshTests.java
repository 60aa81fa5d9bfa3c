package eu.seta.gateway.issuers;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys of trusted issuers over time, driven by the gateway's clock: a key replaced at the issuer, tokens with kids
 * it never published, and an issuer that goes away. Each issuer runs on its own server so that one test stopping
 * its issuer leaves the other's alone. Every test starts a month after the last (see the base class): the keys are
 * then stale, so a test first shows a token working, which fetches them afresh, and lets the 30 s of that refetch
 * pass before it counts refetches of its own.
 */
class IssuerKeyRefreshTests extends GatewayIntegrationTest {

	private static final String AUDIENCE = "seta-console";

	private static volatile Clock tokenClock = Clock.systemUTC();

	private static final TestIssuer ROTATING = TestIssuer.start(() -> tokenClock);

	private static final TestIssuer FAILING = TestIssuer.start(() -> tokenClock);

	@DynamicPropertySource
	static void trustedIssuers(DynamicPropertyRegistry registry) {
		String issuers = "seta.edge.trusted-issuers";
		registry.add(issuers + "[0].issuer", () -> ROTATING.issuer("rotating"));
		registry.add(issuers + "[0].audiences[0]", () -> AUDIENCE);
		registry.add(issuers + "[0].provider", () -> "ecas");
		registry.add(issuers + "[1].issuer", () -> FAILING.issuer("failing"));
		// the keys named directly, without discovery
		registry.add(issuers + "[1].jwks-uri", () -> FAILING.issuer("failing") + "/jwks");
		registry.add(issuers + "[1].audiences[0]", () -> AUDIENCE);
		registry.add(issuers + "[1].provider", () -> "ecas");
		registry.add(issuers + "[1].stale-limit", () -> "10m");
	}

	@AfterAll
	static void stopIssuers() {
		ROTATING.close();
		FAILING.close();
	}

	@BeforeEach
	void issuerTokensAtTheGatewaysTime() {
		tokenClock = this.clock;
	}

	@Test
	void aKeyReplacedAtTheIssuerWorksAfterOneRefetch() {
		String old = ROTATING.token("rotating", "n00eve", AUDIENCE, Map.of());
		assertThat(status(old)).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(30));
		ROTATING.restartWithNewKeys();
		String fresh = ROTATING.token("rotating", "n00eve", AUDIENCE, Map.of());
		assertThat(status(fresh)).isEqualTo(200);
		assertThat(ROTATING.requests()).as("one fetch of the key set").isEqualTo(1);
		// the replaced key is gone: its token no longer verifies, and asks for no second refetch within 30 s
		assertThat(status(old)).isEqualTo(401);
		assertThat(status(fresh)).isEqualTo(200);
		assertThat(ROTATING.requests()).isEqualTo(1);
	}

	@Test
	void unknownKidsCauseAtMostOneRefetchPer30Seconds() throws Exception {
		assertThat(status(ROTATING.token("rotating", "n00eve", AUDIENCE, Map.of()))).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(30));
		int before = ROTATING.requests();
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("never-published").generate();
		String forged = TestIssuer.sign(stranger, TestIssuer.rs256("never-published").build(),
				ROTATING.claims("rotating", "n00eve", AUDIENCE).build());
		assertThat(status(forged)).isEqualTo(401);
		assertThat(ROTATING.requests()).isEqualTo(before + 1);
		for (int i = 0; i < 5; i++) {
			assertThat(status(forged)).isEqualTo(401);
		}
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(status(forged)).isEqualTo(401);
		assertThat(ROTATING.requests()).as("no refetch within 30 s").isEqualTo(before + 1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(status(forged)).isEqualTo(401);
		assertThat(ROTATING.requests()).as("the next one after 30 s").isEqualTo(before + 2);
	}

	@Test
	void whileTheIssuerIsDownItsLastKeysWorkUntilTheStaleLimitThen503() {
		String seen = FAILING.token("failing", "n00eve", AUDIENCE, Map.of(), 7200);
		String unseen = FAILING.token("failing", "n00ann", AUDIENCE, Map.of(), 7200);
		assertThat(status(seen)).isEqualTo(200);
		FAILING.stop();
		try {
			assertThat(status(seen)).isEqualTo(200);
			assertThat(status(unseen)).isEqualTo(200);
			this.clock.advance(Duration.ofMinutes(10));
			assertThat(status(unseen)).as("at the stale limit").isEqualTo(200);
			this.clock.advance(Duration.ofSeconds(1));
			this.client.get()
				.uri("/seta-search/api/v1/corpus")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + seen)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER)
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("temporarily_unavailable");
			assertThat(status(unseen)).isEqualTo(503);
		}
		finally {
			FAILING.restart();
		}
		// back, and tried again once the 30 s since the last refetch have passed
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(status(seen)).isEqualTo(200);
		assertThat(status(unseen)).isEqualTo(200);
	}

	@Test
	void theGatewaysOwnTokensDoNotDependOnAnyIssuer() {
		FAILING.stop();
		try {
			this.clock.advance(Duration.ofHours(2));
			assertThat(status(login(eu.seta.gateway.testing.StandardPrincipals.ALICE,
					eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY.getPrivate()).accessToken())).isEqualTo(200);
		}
		finally {
			FAILING.restart();
		}
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
