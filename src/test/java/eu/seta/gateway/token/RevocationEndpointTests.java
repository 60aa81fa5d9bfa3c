package eu.seta.gateway.token;

import java.util.Map;

import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class RevocationEndpointTests extends GatewayIntegrationTest {

	@Test
	void formRevocationEndsTheSession() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", pair.refreshToken()).with("token_type_hint", "refresh_token"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void jsonRevocationEndsTheSession() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", pair.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk();
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void bearerRevocationEndsTheSession() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.refreshToken())
			.exchange()
			.expectStatus()
			.isOk();
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void revokingAnOlderTokenOfTheChainEndsTheSession() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair second = refreshed(first.refreshToken());
		revoke(first.refreshToken());
		refresh(second.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void answerIsTheSameWhetherOrNotThereWasASession() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		EntityExchangeResult<byte[]> live = revoke(pair.refreshToken());
		EntityExchangeResult<byte[]> again = revoke(pair.refreshToken());
		EntityExchangeResult<byte[]> unknown = revoke(RefreshTokens.newSession("u-nobody").value());
		EntityExchangeResult<byte[]> garbage = revoke("not-a-token");
		EntityExchangeResult<byte[]> accessToken = revoke(pair.accessToken());
		for (EntityExchangeResult<byte[]> answer : new EntityExchangeResult[] { again, unknown, garbage, accessToken }) {
			assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(answer.getResponseBody()).isEqualTo(live.getResponseBody());
			assertThat(answer.getResponseHeaders().toSingleValueMap())
				.isEqualTo(live.getResponseHeaders().toSingleValueMap());
		}
	}

	@Test
	void requestWithoutTokenIsInvalidRequest() {
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token_type_hint", "refresh_token"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
	}

	@Test
	void otherContentTypeIsRefused() {
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("token=x")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	private EntityExchangeResult<byte[]> revoke(String token) {
		return this.client.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", token))
			.exchange()
			.expectBody()
			.returnResult();
	}


	@Test
	void anAdministratorEndsEverySessionOfAPrincipal() {
		TokenPair alice = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair admin = login(BOB, BOB_KEY.getPrivate());
		this.client.delete()
			.uri("/authentication/v1/sessions?principal=u-alice")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.accessToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.principal")
			.isEqualTo("u-alice");
		refresh(alice.refreshToken()).expectStatus().isUnauthorized();
		refreshed(admin.refreshToken());
	}

	/** The session administration, and everything under it, needs an administrator's access token. */
	@Test
	void onlyAnAdministratorMayEndSessions() {
		TokenPair alice = login(ALICE, ALICE_KEY.getPrivate());
		this.client.delete()
			.uri("/authentication/v1/sessions?principal=u-bob")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + alice.accessToken())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_scope");
		for (String path : new String[] { "/authentication/v1/sessions?principal=u-bob", "/authentication/v1/sessions/u-bob" }) {
			this.client.delete().uri(path).exchange().expectStatus().isUnauthorized();
		}
		// a longer name is not the administration: the token API's own public paths answer it (here: not found)
		this.client.delete().uri("/authentication/v1/sessionsx").exchange().expectStatus().isNotFound();
		refreshed(alice.refreshToken());
	}

}
