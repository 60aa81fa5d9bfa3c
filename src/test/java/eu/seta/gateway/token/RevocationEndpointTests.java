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

}
