package eu.seta.gateway.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.testing.AuditLines;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.OnRedisStore;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.StandardPrincipals;
import eu.seta.gateway.testing.TestPrincipals;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static eu.seta.gateway.testing.StandardPrincipals.FRANK;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The directory changes under a running gateway. Each test rewrites a directory file of its own, read by a gateway
 * of its own, so that no other test ever sees the change.
 */
class PrincipalDirectoryChangeTests {

	@TempDir
	Path folder;

	@ParameterizedTest(name = "{0} store")
	@ValueSource(strings = { "memory", "redis" })
	void principalDisabledSinceLoginLosesAllItsSessions(String store) throws IOException {
		Path file = Files.createFile(this.folder.resolve("principals.yml"));
		TestPrincipals.write(file, StandardPrincipals.all());
		Map<String, Object> settings = settings(store, file);
		// this test is about the check at refresh time: the periodic one must not get there first
		settings.put("seta.revocation.directory-check-interval", "1h");
		// the audit lines attached after the start, which sets logging up afresh
		try (RunningGateway gateway = RunningGateway.start(settings); AuditLines audit = new AuditLines()) {
			TokenClient tokens = gateway.tokens();
			TokenPair pair = tokens.login(FRANK, FRANK_KEY.getPrivate());
			TokenPair other = tokens.login(FRANK, FRANK_KEY.getPrivate());
			List<TestPrincipals.Entry> entries = StandardPrincipals.all();
			entries.replaceAll((entry) -> entry.id().equals(FRANK.id()) ? entry.withStatus("disabled") : entry);
			TestPrincipals.write(file, entries);
			// the directory has reloaded once Frank can no longer log in
			await().atMost(Duration.ofSeconds(10)).until(() -> loginStatus(tokens) == 401);
			tokens.refresh(pair.refreshToken())
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.message")
				.isEqualTo("The principal is disabled or unknown; its sessions are revoked.");
			assertThat(audit.of("session_revoked")).singleElement().satisfies((line) -> {
				assertThat(line.get("reason").stringValue()).isEqualTo("principal_disabled");
				assertThat(line.get("principal").stringValue()).isEqualTo("u-frank");
				// both sessions, and any the wait for the reload started before it saw the change
				assertThat(line.get("count").intValue()).isGreaterThanOrEqualTo(2);
			});
			TestPrincipals.write(file, StandardPrincipals.all());
			await().atMost(Duration.ofSeconds(10)).until(() -> loginStatus(tokens) == 200);
			// enabled again, the revoked sessions stay revoked, the one never presented too
			tokens.refresh(pair.refreshToken()).expectStatus().isUnauthorized();
			tokens.refresh(other.refreshToken()).expectStatus().isUnauthorized();
		}
	}

	/** Disabled, removed or left without keys: the access tokens already out stop working, no refresh needed. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "memory disabled", "memory removed", "memory keyless", "redis disabled" })
	void principalWithdrawnSinceLoginLosesItsAccessTokensAtTheEdge(String storeAndChange) throws IOException {
		String store = storeAndChange.split(" ")[0];
		String change = storeAndChange.split(" ")[1];
		Path file = Files.createFile(this.folder.resolve("principals.yml"));
		TestPrincipals.write(file, StandardPrincipals.all());
		Map<String, Object> settings = settings(store, file);
		settings.put("seta.revocation.directory-check-interval", "100ms");
		settings.put("SEARCH_URI", "http://127.0.0.1:1");
		try (RunningGateway gateway = RunningGateway.start(settings)) {
			TokenPair pair = gateway.tokens().login(FRANK, FRANK_KEY.getPrivate());
			// accepted at the edge: the backend is unreachable, so 502, not 401
			assertThat(proxiedStatus(gateway, pair.accessToken())).isEqualTo(502);
			List<TestPrincipals.Entry> entries = StandardPrincipals.all();
			entries.removeIf((entry) -> change.equals("removed") && entry.id().equals(FRANK.id()));
			entries.replaceAll((entry) -> !entry.id().equals(FRANK.id()) ? entry
					: change.equals("disabled") ? entry.withStatus("disabled") : entry.withKeys());
			TestPrincipals.write(file, entries);
			await().atMost(Duration.ofSeconds(10)).until(() -> proxiedStatus(gateway, pair.accessToken()) == 401);
			gateway.tokens().refresh(pair.refreshToken()).expectStatus().isUnauthorized();
		}
	}

	private static int proxiedStatus(RunningGateway gateway, String accessToken) {
		return gateway.web()
			.get()
			.uri("/seta-search/api/v1/corpus")
			.header(org.springframework.http.HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	private static int loginStatus(TokenClient tokens) {
		return tokens.postToken(TokenClient.proof(FRANK, FRANK_KEY.getPrivate(), Messages.randomLetters()))
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	private static Map<String, Object> settings(String store, Path directory) {
		Map<String, Object> settings = new HashMap<>();
		settings.put("seta.directory.file", directory.toString());
		settings.put("seta.directory.reload-interval", "100ms");
		if ("redis".equals(store)) {
			settings.put("seta.store.type", "redis");
			settings.put("spring.data.redis.host", "127.0.0.1");
			settings.put("spring.data.redis.port", TestRedis.shared().port());
			settings.put("seta.store.redis.key-prefix", OnRedisStore.KEY_PREFIX + "directory:");
		}
		return settings;
	}

}
