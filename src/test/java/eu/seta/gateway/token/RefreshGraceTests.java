package eu.seta.gateway.token;

import java.time.Duration;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** With a grace window, a client that lost a refresh response may retry with the token it still holds. */
@TestPropertySource(properties = "seta.token.refresh-grace=10s")
class RefreshGraceTests extends GatewayIntegrationTest {

	@Test
	void retryWithinGraceGetsANewPairAndDropsThePairOfTheFirstRotation() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair lost = refreshed(first.refreshToken());
		this.clock.advance(Duration.ofSeconds(9));
		TokenPair retried = refreshed(first.refreshToken());
		assertThat(retried.refreshToken()).isNotEqualTo(lost.refreshToken());
		// the retried pair is the live one; the response that was lost is now a stranger's token
		TokenPair next = refreshed(retried.refreshToken());
		refresh(lost.refreshToken()).expectStatus().isUnauthorized();
		refresh(next.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void retryAtTheEndOfGraceIsReuse() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair second = refreshed(first.refreshToken());
		this.clock.advance(Duration.ofSeconds(10));
		refresh(first.refreshToken()).expectStatus().isUnauthorized();
		refresh(second.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void graceDoesNotExtendToOlderTokens() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		TokenPair second = refreshed(first.refreshToken());
		TokenPair third = refreshed(second.refreshToken());
		refresh(first.refreshToken()).expectStatus().isUnauthorized();
		refresh(third.refreshToken()).expectStatus().isUnauthorized();
	}

}
