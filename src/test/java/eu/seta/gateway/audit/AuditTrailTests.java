package eu.seta.gateway.audit;

import java.time.Duration;

import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.testing.AuditLines;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.OnRedisStore;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.BodyInserters;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each event of a session's life leaves its audit line with who, which session and why. On Redis, whose keys
 * expire on the server's own time: a session past its idle time on the gateway's clock is still there to be found
 * expired, which is the case that has an audit line of its own.
 */
@OnRedisStore
class AuditTrailTests extends GatewayIntegrationTest {

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
	void aRefreshIsAuditedWithItsPrincipalAndSession() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		refreshed(pair.refreshToken());
		assertThat(this.audit.of("token_refreshed")).singleElement().satisfies((line) -> {
			assertThat(line.get("principal").stringValue()).isEqualTo("u-alice");
			assertThat(line.get("client").stringValue()).isEqualTo("127.0.0.1");
			assertThat(line.get("session").stringValue()).isEqualTo(sessionOf(pair));
		});
	}

	@Test
	void aRefreshOfAnExpiredSessionIsAuditedAsExpired() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.clock.advance(Duration.ofHours(24));
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
		assertThat(this.audit.of("refresh_rejected")).singleElement().satisfies((line) -> {
			assertThat(line.get("reason").stringValue()).isEqualTo("expired");
			assertThat(line.get("principal").stringValue()).isEqualTo("u-alice");
			assertThat(line.get("session").stringValue()).isEqualTo(sessionOf(pair));
		});
	}

	@Test
	void theHolderEndingASessionIsAuditedWithTheKindOfTokenUsed() {
		TokenPair byRefresh = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair byAccess = login(ALICE, ALICE_KEY.getPrivate());
		revoke(byRefresh.refreshToken());
		revoke(byAccess.accessToken());
		assertThat(this.audit.of("session_revoked")).extracting((line) -> line.get("reason").stringValue(),
				(line) -> line.get("session").stringValue(), (line) -> line.get("principal").stringValue())
			.containsExactly(tuple("holder", sessionOf(byRefresh), "u-alice"),
					tuple("holder_access_token", sessionOf(byAccess), "u-alice"));
	}

	/** The session's short id in logs, from the refresh token's session part. */
	private static String sessionOf(TokenPair pair) {
		return RefreshTokens.parse(pair.refreshToken()).orElseThrow().key().logId();
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
