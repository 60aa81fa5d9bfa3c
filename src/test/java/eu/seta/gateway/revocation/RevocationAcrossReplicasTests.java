package eu.seta.gateway.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.StandardPrincipals;
import eu.seta.gateway.testing.TestPrincipals;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.json.JsonMapper;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_1;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two replicas on one Redis: whatever ends a session or a principal on A refuses its access tokens on B within a
 * second, with no Redis call on B's proxied path (B answers from its own list); B restarted, or resubscribed after
 * losing its subscription, knows the revocations it missed.
 */
class RevocationAcrossReplicasTests {

	private static final String PREFIX = "rvk:";

	/** The contract: on every replica within one second of the revocation. */
	private static final Duration PROPAGATION = Duration.ofSeconds(1);

	private static Path directory;

	private static Map<String, Object> settings;

	private static RunningGateway a;

	private static RunningGateway b;

	private static RedisInspector inspector;

	private static final List<String> ISSUED = new ArrayList<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void startTwoReplicas() throws IOException {
		directory = Files.createTempDirectory("seta-revocation").resolve("principals.yml");
		writeDirectory(UnaryOperator.identity());
		TestRedis redis = TestRedis.shared();
		settings = new LinkedHashMap<>(Map.of("seta.store.type", "redis", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", Integer.toString(redis.port()), "seta.store.redis.key-prefix", PREFIX,
				"seta.store.redis.command-timeout", "5s", "seta.directory.file", directory.toString(),
				"seta.directory.reload-interval", "100ms", "seta.revocation.directory-check-interval", "100ms",
				"SEARCH_URI", "http://127.0.0.1:1"));
		// the polls below call the search route fast, as one principal: its quota (20/s, shared in Redis) would answer
		// 429 to the next test's first call
		settings.put("seta.edge.quota.enabled", "false");
		a = RunningGateway.start(settings);
		b = RunningGateway.start(settings);
		inspector = new RedisInspector(redis.port());
		awaitReady(a);
		awaitReady(b);
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
		inspector.close();
	}

	@AfterEach
	void restoreTheDirectoryAndCheckTheKeys() {
		writeDirectory(UnaryOperator.identity());
		inspector.assertEveryKeyExpiresAndHoldsNone(PREFIX, ISSUED);
	}

	@Test
	void aLogoutOnAIsRefusedOnB() {
		TokenPair pair = issued(a.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		assertAccepted(b, pair.accessToken());
		revoke(a, pair.refreshToken());
		awaitRefused(b, pair.accessToken(), PROPAGATION);
	}

	@Test
	void aLogoutWithTheAccessTokenOnAIsRefusedOnB() {
		TokenPair pair = issued(a.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		assertAccepted(b, pair.accessToken());
		revoke(a, pair.accessToken());
		awaitRefused(b, pair.accessToken(), PROPAGATION);
		b.tokens().refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void refreshTokenReuseOnAIsRefusedOnB() {
		TokenPair first = issued(a.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		TokenPair second = issued(a.tokens().refreshed(first.refreshToken()));
		assertAccepted(b, second.accessToken());
		a.tokens().refresh(first.refreshToken()).expectStatus().isUnauthorized();
		awaitRefused(b, second.accessToken(), PROPAGATION);
		awaitRefused(b, first.accessToken(), PROPAGATION);
	}

	@Test
	void anAdministratorsRevokeAllOnAIsRefusedOnB() {
		TokenPair user = issued(b.tokens().login(ERIN, ERIN_KEY_1.getPrivate()));
		TokenPair admin = issued(a.tokens().login(BOB, BOB_KEY.getPrivate()));
		assertAccepted(b, user.accessToken());
		a.web()
			.delete()
			.uri("/authentication/v1/sessions?principal=" + ERIN.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.accessToken())
			.exchange()
			.expectStatus()
			.isOk();
		awaitRefused(b, user.accessToken(), PROPAGATION);
		assertAccepted(b, admin.accessToken());
	}

	/** Within the directory's reload time and the check interval (100 ms each here), plus the propagation. */
	@ParameterizedTest
	@ValueSource(strings = { "disabled", "removed", "keyless" })
	void aPrincipalWithdrawnFromTheDirectoryIsRefusedOnBoth(String change) {
		TokenPair pair = frankAcceptedOnB();
		writeDirectory((entries) -> {
			List<TestPrincipals.Entry> changed = new ArrayList<>();
			for (TestPrincipals.Entry entry : entries) {
				if (!entry.id().equals(FRANK.id())) {
					changed.add(entry);
				}
				else if (change.equals("disabled")) {
					changed.add(entry.withStatus("disabled"));
				}
				else if (change.equals("keyless")) {
					changed.add(entry.withKeys());
				}
			}
			return changed;
		});
		awaitRefused(b, pair.accessToken(), Duration.ofSeconds(3));
		awaitRefused(a, pair.accessToken(), PROPAGATION);
	}

	@Test
	void bRestartedAfterARevocationStillRefuses() {
		TokenPair pair = issued(a.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		assertAccepted(b, pair.accessToken());
		b.close();
		revoke(a, pair.refreshToken());
		b = RunningGateway.start(settings);
		// as Kubernetes does: no traffic before readiness, which waits for the reload
		awaitReady(b);
		assertRefused(b, pair.accessToken());
	}

	@Test
	void bRefusesWhatItMissedOnceItHasResubscribed() {
		TokenPair pair = issued(a.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		assertAccepted(b, pair.accessToken());
		double reloads = reloads(b);
		inspector.commands().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
		revoke(a, pair.refreshToken());
		awaitRefused(b, pair.accessToken(), Duration.ofSeconds(10));
		awaitReady(b);
		assertThat(reloads(b)).as("reloads after the subscription came back").isGreaterThan(reloads);
	}

	/**
	 * Frank, logged in on A and accepted on B. An earlier test may have withdrawn him: until the restored file is
	 * read, and in the second of his revocation (iat has whole seconds), his logins or tokens are refused.
	 */
	private static TokenPair frankAcceptedOnB() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
		while (Instant.now().isBefore(deadline)) {
			var answer = a.tokens()
				.postToken(TokenClient.proof(FRANK, FRANK_KEY.getPrivate(), Messages.randomLetters()))
				.expectBody(byte[].class)
				.returnResult();
			if (answer.getStatus().value() == 200) {
				TokenPair pair = issued(JSON.readValue(answer.getResponseBody(), TokenPair.class));
				if (status(b, pair.accessToken()) == 502) {
					return pair;
				}
			}
		}
		return fail("Frank could not log in and be accepted within 5 s");
	}

	private static double reloads(RunningGateway gateway) {
		return gateway.bean(MeterRegistry.class).counter("seta.revocations.reloads").count();
	}

	private static void revoke(RunningGateway gateway, String token) {
		gateway.web()
			.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", token))
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** Accepted at the edge: the backend of the test routes is unreachable, so the call ends in 502, never 401. */
	private static void assertAccepted(RunningGateway gateway, String accessToken) {
		assertThat(status(gateway, accessToken)).isEqualTo(502);
	}

	private static void assertRefused(RunningGateway gateway, String accessToken) {
		assertThat(status(gateway, accessToken)).isEqualTo(401);
	}

	/** Polls until refused; fails at the deadline. No fixed sleep: each poll is a proxied call. */
	private static void awaitRefused(RunningGateway gateway, String accessToken, Duration within) {
		Instant deadline = Instant.now().plus(within);
		int status;
		do {
			status = status(gateway, accessToken);
			if (status == 401) {
				return;
			}
		}
		while (Instant.now().isBefore(deadline));
		fail("still " + status + " after " + within.toMillis() + " ms");
	}

	private static int status(RunningGateway gateway, String accessToken) {
		return gateway.searchStatus(accessToken);
	}

	private static void awaitReady(RunningGateway gateway) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			int status = gateway.readinessStatus();
			if (status == 200) {
				return;
			}
			Thread.onSpinWait();
		}
		fail("not ready within 20 s");
	}

	private static void writeDirectory(UnaryOperator<List<TestPrincipals.Entry>> change) {
		List<TestPrincipals.Entry> entries = change.apply(StandardPrincipals.all());
		try {
			Path next = directory.resolveSibling("principals.next");
			TestPrincipals.write(next, entries);
			Files.move(next, directory, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static TokenPair issued(TokenPair pair) {
		ISSUED.add(pair.refreshToken());
		ISSUED.add(pair.accessToken());
		return pair;
	}

}
