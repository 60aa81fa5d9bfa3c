package eu.seta.gateway.token;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.TestJwts;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.APP;
import static eu.seta.gateway.testing.StandardPrincipals.APP_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7662 introspection: who may ask, what an active token says, and that nothing invalid is ever active. */
class IntrospectionEndpointTests extends GatewayIntegrationTest {

	@Test
	void anApplicationLearnsTheClaimsOfAValidAccessToken() {
		TokenPair alice = login(ALICE, ALICE_KEY.getPrivate());
		String app = login(APP, APP_KEY.getPrivate()).accessToken();
		var claims = Jwts.claims(alice.accessToken());
		introspect(app, alice.accessToken()).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.active").isEqualTo(true)
			.jsonPath("$.sub").isEqualTo("u-alice")
			.jsonPath("$.client_id").isEqualTo("u-alice")
			.jsonPath("$.sid").isEqualTo(claims.get("sid").asString())
			.jsonPath("$.exp").isEqualTo(claims.get("exp").asLong())
			.jsonPath("$.iat").isEqualTo(claims.get("iat").asLong())
			.jsonPath("$.iss").isEqualTo("http://localhost:8080")
			.jsonPath("$.aud").isEqualTo("seta-api")
			.jsonPath("$.token_type").isEqualTo("Bearer")
			.jsonPath("$.role").isEqualTo("User")
			.jsonPath("$.user_type").isEqualTo("user")
			.jsonPath("$.seta_id.provider").isEqualTo("github")
			.jsonPath("$.seta_id.provider_uid").isEqualTo("alice")
			.jsonPath("$.jti").doesNotExist();
	}

	@Test
	void anAdministratorMayIntrospectAndARefreshTokenIsActiveUntilRevoked() {
		TokenPair alice = login(ALICE, ALICE_KEY.getPrivate());
		String admin = login(BOB, BOB_KEY.getPrivate()).accessToken();
		introspect(admin, alice.refreshToken()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.active").isEqualTo(true)
			.jsonPath("$.sub").isEqualTo("u-alice")
			.jsonPath("$.sid").isEqualTo(Jwts.claims(alice.accessToken()).get("sid").asString())
			.jsonPath("$.token_type").isEqualTo("refresh_token")
			.jsonPath("$.user_type").isEqualTo("user");
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", alice.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk();
		assertInactive(admin, alice.refreshToken());
		assertInactive(admin, alice.accessToken());
	}

	@Test
	void aRotatedRefreshTokenIsInactive() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		refreshed(first.refreshToken());
		assertInactive(login(APP, APP_KEY.getPrivate()).accessToken(), first.refreshToken());
	}

	@Test
	void anExpiredAccessTokenIsInactive() {
		String alice = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		this.clock.advance(Duration.ofHours(2));
		assertInactive(login(APP, APP_KEY.getPrivate()).accessToken(), alice);
	}

	@Test
	void nothingThatIsNoValidTokenIsActiveOrAnError() {
		String app = login(APP, APP_KEY.getPrivate()).accessToken();
		String alice = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		KeyPair stranger = TestKeys.rsa2048();
		String header = TestJwts.header("RS256", "test-key");
		List<String> bad = List.of("garbage", "a.b.c", alice.substring(0, alice.length() - 4) + "AAAA",
				TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), stranger.getPrivate()),
				TestJwts.unsigned(TestJwts.encode("{\"alg\":\"none\"}"), TestJwts.claims(this.clock.instant())),
				"x".repeat(5000), "seta_rt_" + "A".repeat(76), "seta_rt_short", " ");
		for (String token : bad) {
			assertInactive(app, token);
		}
	}

	@Test
	void aUserMayNotIntrospect() {
		String alice = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		introspect(alice, alice).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_scope");
	}

	@Test
	void withoutAValidAccessTokenTheCallerIsRefused() {
		TokenPair app = login(APP, APP_KEY.getPrivate());
		this.client.post()
			.uri("/authentication/v1/introspect")
			.body(BodyInserters.fromFormData("token", app.accessToken()))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"seta\"");
		// a refresh token is no credential here, and a forged application token is no access token
		introspect(app.refreshToken(), app.accessToken()).expectStatus().isUnauthorized();
		String forged = TestJwts.rs256(TestJwts.header("RS256", "test-key"),
				TestJwts.claims(this.clock.instant()).replace("\"user\"", "\"application\""), TestKeys.rsa2048().getPrivate());
		introspect(forged, app.accessToken()).expectStatus().isUnauthorized();
	}

	@Test
	void aRevokedApplicationMayNoLongerIntrospect() {
		TokenPair app = login(APP, APP_KEY.getPrivate());
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", app.accessToken()))
			.exchange()
			.expectStatus()
			.isOk();
		introspect(app.accessToken(), app.accessToken()).expectStatus().isUnauthorized();
	}

	@Test
	void theTokenFieldIsRequiredAndOnlyAFormIsRead() {
		String app = login(APP, APP_KEY.getPrivate()).accessToken();
		this.client.post()
			.uri("/authentication/v1/introspect")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + app)
			.body(BodyInserters.fromFormData("token_type_hint", "access_token"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
		this.client.post()
			.uri("/authentication/v1/introspect")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + app)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"token\":\"x\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(415);
	}

	private void assertInactive(String caller, String token) {
		introspect(caller, token).expectStatus()
			.isOk()
			.expectBody()
			.json("{\"active\":false}", org.springframework.test.json.JsonCompareMode.STRICT);
	}

	private WebTestClient.ResponseSpec introspect(String callerToken, String token) {
		return this.client.post()
			.uri("/authentication/v1/introspect")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
			.body(BodyInserters.fromFormData("token", token))
			.exchange();
	}

}
