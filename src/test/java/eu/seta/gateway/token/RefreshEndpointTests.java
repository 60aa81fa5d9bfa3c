package eu.seta.gateway.token;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Race;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.APP;
import static eu.seta.gateway.testing.StandardPrincipals.APP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class RefreshEndpointTests extends GatewayIntegrationTest {

	@Test
	void rotationChainOfTenGivesNewTokensWithTheSameClaims() {
		TokenPair pair = login(APP, APP_KEY.getPrivate());
		JsonNode first = Jwts.claims(pair.accessToken());
		Set<String> refreshTokens = new HashSet<>(List.of(pair.refreshToken()));
		for (int i = 0; i < 10; i++) {
			this.clock.advance(Duration.ofMinutes(10));
			pair = refreshed(pair.refreshToken());
			assertThat(refreshTokens.add(pair.refreshToken())).as("refresh token %d is new", i).isTrue();
			JsonNode claims = Jwts.claims(pair.accessToken());
			assertThat(claims.get("fresh").booleanValue()).isFalse();
			assertThat(claims.get("type").stringValue()).isEqualTo("access");
			for (String name : List.of("sub", "role", "user_type", "owner", "iss", "aud")) {
				assertThat(claims.get(name)).as(name).isEqualTo(first.get(name));
			}
			assertThat(claims.get("seta_id")).isEqualTo(first.get("seta_id"));
			assertThat(claims.get("jti")).isNotEqualTo(first.get("jti"));
		}
	}

	@Test
	void refreshTokenIsSingleUse() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		refreshed(pair.refreshToken());
		refresh(pair.refreshToken()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant")
			.jsonPath("$.message")
			.isEqualTo("The refresh token was already used; its session is revoked.");
	}

	@Test
	void reuseOfAnOldTokenRevokesTheNewestToo() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair second = refreshed(first.refreshToken());
		TokenPair third = refreshed(second.refreshToken());
		// a thief replays the first token: the whole session dies, the legitimate holder's newest token with it
		refresh(first.refreshToken()).expectStatus().isUnauthorized();
		refresh(third.refreshToken()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant");
	}

	@Test
	void reuseInOneSessionLeavesOtherSessionsAlone() {
		TokenPair victim = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair other = login(ALICE, ALICE_KEY.getPrivate());
		refreshed(victim.refreshToken());
		refresh(victim.refreshToken()).expectStatus().isUnauthorized();
		refreshed(other.refreshToken());
	}

	@Test
	void fiftyConcurrentRefreshesOfOneTokenGiveExactlyOneSuccess() throws Exception {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		List<Integer> statuses = Race.of(50,
				() -> refresh(pair.refreshToken()).returnResult(Void.class).getStatus().value());
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(49);
	}

	@Test
	void accessTokenPresentedForRefreshIsRefused() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		refresh(pair.accessToken()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant")
			.jsonPath("$.message")
			.isEqualTo("An access token cannot be used to refresh; present the refresh token.");
	}

	@Test
	void missingAuthorizationHeaderIsInvalidRequest() {
		this.client.post()
			.uri("/authentication/v1/token/refresh")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer\ttoken", "token" })
	void malformedAuthorizationHeaderIsInvalidRequest(String header) {
		this.client.post()
			.uri("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, header)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
	}

	@Test
	void twoAuthorizationHeadersAreRefused() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.refreshToken(), "Bearer " + pair.refreshToken())
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "seta_rt_short", "eyJhbGciOiJub25lIn0.e30." })
	void unknownOrForeignTokensAreInvalidGrant(String token) {
		refresh(token).expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
	}

	@Test
	void wellFormedTokenOfNoSessionIsInvalidGrant() {
		refresh(RefreshTokens.newSession("u-alice").value()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("The refresh token is invalid, expired or revoked.");
	}

	@Test
	void forgedSecretForAKnownSessionCountsAsReuse() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		String forged = pair.refreshToken().substring(0, pair.refreshToken().length() - 4) + "AAAA";
		refresh(forged).expectStatus().isUnauthorized();
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void idleLifetimeEndsExactlyAtItsBoundary() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.clock.advance(Duration.ofHours(24).minusSeconds(1));
		TokenPair renewed = refreshed(pair.refreshToken());
		assertThat(renewed.refreshExpiresIn()).isEqualTo(86400);
		this.clock.advance(Duration.ofHours(24));
		refresh(renewed.refreshToken()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant");
	}

	@Test
	void slidingRefreshStopsAtTheAbsoluteSessionLifetime() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		Duration elapsed = Duration.ZERO;
		Duration step = Duration.ofHours(23);
		while (elapsed.plus(step).compareTo(Duration.ofDays(30)) < 0) {
			this.clock.advance(step);
			elapsed = elapsed.plus(step);
			pair = refreshed(pair.refreshToken());
		}
		Duration left = Duration.ofDays(30).minus(elapsed);
		assertThat(pair.refreshExpiresIn()).isEqualTo(left.toSeconds());
		this.clock.advance(left.minusSeconds(1));
		pair = refreshed(pair.refreshToken());
		assertThat(pair.refreshExpiresIn()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void refreshAnswersCarryNoStore() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		refresh(pair.refreshToken()).expectStatus()
			.isEqualTo(HttpStatus.OK)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
