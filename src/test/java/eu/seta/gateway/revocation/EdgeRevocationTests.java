package eu.seta.gateway.revocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each event that ends a session or a principal refuses its access tokens at the edge at once, on the replica that
 * caused it, however recently the token was verified (and cached). The refusal is the plain 401 of any invalid
 * token.
 */
class EdgeRevocationTests extends GatewayIntegrationTest {

	@Test
	void logoutWithTheRefreshTokenRefusesTheSessionsAccessToken() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair other = login(ALICE, ALICE_KEY.getPrivate());
		assertThat(proxied(pair.accessToken()).getStatus().value()).isEqualTo(200);
		revoke(pair.refreshToken());
		assertRefused(pair.accessToken());
		// the principal's other session is none of its business
		assertThat(proxied(other.accessToken()).getStatus().value()).isEqualTo(200);
	}

	@Test
	void logoutWithTheAccessTokenEndsTheSessionOnBothSides() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		assertThat(proxied(pair.accessToken()).getStatus().value()).isEqualTo(200);
		revoke(pair.accessToken());
		assertRefused(pair.accessToken());
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void everyAccessTokenOfARotationChainIsRefusedWithItsSession() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair second = refreshed(first.refreshToken());
		revoke(second.refreshToken());
		assertRefused(first.accessToken());
		assertRefused(second.accessToken());
	}

	@Test
	void refreshTokenReuseRefusesTheSessionsAccessTokens() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair second = refreshed(first.refreshToken());
		assertThat(proxied(second.accessToken()).getStatus().value()).isEqualTo(200);
		refresh(first.refreshToken()).expectStatus().isUnauthorized();
		assertRefused(first.accessToken());
		assertRefused(second.accessToken());
	}

	@Test
	void anAdministratorsRevokeAllRefusesEveryTokenOfThePrincipalIssuedBefore() {
		TokenPair one = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair two = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair admin = login(BOB, BOB_KEY.getPrivate());
		assertThat(proxied(one.accessToken()).getStatus().value()).isEqualTo(200);
		this.client.delete()
			.uri("/authentication/v1/sessions?principal=u-alice")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.accessToken())
			.exchange()
			.expectStatus()
			.isOk();
		assertRefused(one.accessToken());
		assertRefused(two.accessToken());
		assertThat(proxied(admin.accessToken()).getStatus().value()).isEqualTo(200);
		// a login after the revocation (in a later second: iat has whole seconds) works again
		this.clock.advance(Duration.ofSeconds(1));
		TokenPair later = login(ALICE, ALICE_KEY.getPrivate());
		assertThat(proxied(later.accessToken()).getStatus().value()).isEqualTo(200);
	}

	/** The plain answer of any invalid token, and the backend never sees the call. */
	private void assertRefused(String accessToken) {
		int backendCalls = BACKEND.getAllServeEvents().size();
		EntityExchangeResult<byte[]> refused = proxied(accessToken);
		assertThat(refused.getStatus().value()).isEqualTo(401);
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		assertThat(new String(refused.getResponseBody(), StandardCharsets.UTF_8))
			.isEqualTo("{\"error\":\"invalid_token\",\"message\":\"The access token is not valid.\"}");
		assertThat(BACKEND.getAllServeEvents()).hasSize(backendCalls);
	}

	private EntityExchangeResult<byte[]> proxied(String accessToken) {
		return this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.exchange()
			.expectBody()
			.returnResult();
	}

	private void revoke(String token) {
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", token))
			.exchange()
			.expectStatus()
			.isOk();
	}

}
