package eu.seta.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.Race;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_1;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Two gateway replicas on one Redis behave as one gateway. */
class RedisScaleOutTests {

	private static final String PREFIX = "scale:";

	private static RunningGateway first;

	private static RunningGateway second;

	private static RedisInspector inspector;

	private static final List<String> ISSUED = new ArrayList<>();

	@BeforeAll
	static void startTwoReplicas() {
		TestRedis redis = TestRedis.shared();
		Map<String, Object> settings = Map.of("seta.store.type", "redis", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", Integer.toString(redis.port()), "seta.store.redis.key-prefix", PREFIX,
				"seta.rate-limit.failures-per-login", "5", "seta.rate-limit.failures-per-address", "100000");
		first = RunningGateway.start(settings);
		second = RunningGateway.start(settings);
		inspector = new RedisInspector(redis.port());
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
		inspector.close();
	}

	@AfterEach
	void everyKeyExpiresAndNoneHoldsAToken() {
		inspector.assertEveryKeyExpiresAndHoldsNone(PREFIX, ISSUED);
	}

	@Test
	void aSessionStartedOnOneReplicaRotatesOnTheOther() {
		TokenPair pair = issued(first.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		TokenPair rotated = issued(second.tokens().refreshed(pair.refreshToken()));
		issued(first.tokens().refreshed(rotated.refreshToken()));
	}

	@Test
	void reuseOnOneReplicaKillsTheSessionOnBoth() {
		TokenPair pair = issued(first.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		TokenPair rotated = issued(first.tokens().refreshed(pair.refreshToken()));
		second.tokens().refresh(pair.refreshToken()).expectStatus().isUnauthorized();
		first.tokens().refresh(rotated.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void aProofUsedOnOneReplicaIsAReplayOnTheOther() {
		Map<String, Object> proof = TokenClient.proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
		first.tokens().postToken(proof).expectStatus().isOk();
		second.tokens().postToken(proof).expectStatus().isUnauthorized();
	}

	@Test
	void fiftyConcurrentRefreshesOverBothReplicasGiveExactlyOneSuccess() throws Exception {
		TokenPair pair = issued(first.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		List<Integer> statuses = Race.of(50, (i) -> () -> ((i % 2 == 0) ? first : second).tokens()
			.refresh(pair.refreshToken())
			.returnResult(Void.class)
			.getStatus()
			.value());
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(49);
	}

	@Test
	void failedProofsOnBothReplicasSpendOneBudget() {
		for (int i = 0; i < 5; i++) {
			RunningGateway replica = (i % 2 == 0) ? first : second;
			wrongProofForErin(replica).expectStatus().isUnauthorized();
		}
		// the login's budget is spent on both: further failures get 429, whichever replica they reach
		for (RunningGateway replica : List.of(first, second)) {
			wrongProofForErin(replica).expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER)
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("too_many_requests");
		}
		// and the right key still gets in
		second.tokens().postToken(TokenClient.proof(ERIN, ERIN_KEY_1.getPrivate(), Messages.randomLetters()))
			.expectStatus()
			.isOk();
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec wrongProofForErin(
			RunningGateway replica) {
		String message = Messages.randomLetters();
		return replica.tokens()
			.postToken(TokenClient.proof(ERIN.provider(), ERIN.username(), message,
					TestKeys.sign(BOB_KEY.getPrivate(), message)));
	}

	@Test
	void anAdministratorRevokesEverySessionOfAPrincipalOnAllReplicas() {
		// Frank, whom no other test here logs in: his "not before" also refuses tokens issued later in the same
		// second, which would make the other tests depend on running before this one
		TokenPair one = issued(first.tokens().login(FRANK, FRANK_KEY.getPrivate()));
		TokenPair two = issued(second.tokens().login(FRANK, FRANK_KEY.getPrivate()));
		TokenPair admin = issued(first.tokens().login(BOB, BOB_KEY.getPrivate()));
		second.web()
			.delete()
			.uri("/authentication/v1/sessions?principal=u-frank")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.accessToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.principal")
			.isEqualTo("u-frank")
			.jsonPath("$.revoked")
			.value((count) -> assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(2));
		first.tokens().refresh(one.refreshToken()).expectStatus().isUnauthorized();
		second.tokens().refresh(two.refreshToken()).expectStatus().isUnauthorized();
		first.tokens().refreshed(admin.refreshToken());
	}

	@Test
	void onlyAdministratorsMayRevokeSessions() {
		TokenPair user = issued(first.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		first.web()
			.delete()
			.uri("/authentication/v1/sessions?principal=u-bob")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + user.accessToken())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_scope");
		first.web().delete().uri("/authentication/v1/sessions?principal=u-bob").exchange().expectStatus().isUnauthorized();
		first.web()
			.delete()
			.uri("/authentication/v1/sessions?principal=u-bob")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + user.refreshToken())
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private static TokenPair issued(TokenPair pair) {
		ISSUED.add(pair.refreshToken());
		ISSUED.add(pair.refreshToken().substring(RefreshTokens.PREFIX.length()));
		ISSUED.add(pair.accessToken());
		return pair;
	}

}
