package eu.seta.gateway.directory;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.Race;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway asking the platform's user service (WireMock) who may log in. */
class HttpPrincipalDirectoryTests extends GatewayIntegrationTest {

	static final UserServiceStub USERS = new UserServiceStub();

	@DynamicPropertySource
	static void userService(DynamicPropertyRegistry registry) {
		registry.add("seta.directory.type", () -> "http");
		registry.add("seta.directory.http.base-url", USERS::baseUrl);
		registry.add("seta.directory.http.bearer-token", () -> UserServiceStub.TOKEN);
		// generous beside the stub's 300 ms answers, so that a loaded test machine is no slow user service
		registry.add("seta.directory.http.response-timeout", () -> "1500ms");
		// circuit opening has its own test class; here failures must not open it
		registry.add("seta.directory.http.circuit-breaker.minimum-calls", () -> "1000");
		registry.add("seta.directory.http.circuit-breaker.sliding-window-size", () -> "1000");
		// the refresh-time checks are tested here; the periodic one (HttpDirectoryWithdrawalTests) must not get there first
		registry.add("seta.revocation.directory-check-interval", () -> "1h");
	}

	@Test
	void keyAddedChangedAndRemovedTakeEffectWithinTheCacheLifetimes() {
		String name = unique("kim");
		KeyPair first = TestKeys.rsa2048();
		KeyPair second = TestKeys.rsa2048();
		USERS.absent("github", name);
		attempt(name, first).expectStatus().isUnauthorized();
		// the key is uploaded: "no such principal" is believed for 5 s only
		USERS.user("u-" + name, name, "active", first);
		attempt(name, first).expectStatus().isUnauthorized();
		this.clock.advance(Duration.ofSeconds(5));
		attempt(name, first).expectStatus().isOk();
		// the key is replaced: the old one works until the 30 s positive lifetime ends
		USERS.user("u-" + name, name, "active", second);
		attempt(name, first).expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(30));
		attempt(name, first).expectStatus().isUnauthorized();
		attempt(name, second).expectStatus().isOk();
		// the principal is removed
		USERS.absent("github", name);
		this.clock.advance(Duration.ofSeconds(30));
		attempt(name, second).expectStatus().isUnauthorized();
	}

	@Test
	void anAnswerLivesItsLifetimeFromTheQuestionNotFromItsArrival() throws Exception {
		String name = unique("late");
		KeyPair key = TestKeys.rsa2048();
		USERS.slowUser(name, 1_000, key);
		CompletableFuture<Integer> first = CompletableFuture
			.supplyAsync(() -> attempt(name, key).returnResult(Void.class).getStatus().value());
		// while the "active" answer travels, its 30 s pass and the principal is disabled in the user service
		await().atMost(Duration.ofSeconds(10)).until(() -> USERS.loginLookups(name) == 1);
		this.clock.advance(Duration.ofSeconds(31));
		USERS.user("u-" + name, name, "disabled", key);
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
		// so the next login asks again rather than believing the late "active" for another 30 s
		attempt(name, key).expectStatus().isUnauthorized();
		assertThat(USERS.loginLookups(name)).isEqualTo(2);
	}

	@Test
	void theUserServiceIsAskedWithTheConfiguredBearerToken() {
		String name = unique("tok");
		USERS.user("u-" + name, name, "active", TestKeys.rsa2048());
		attempt(name, TestKeys.rsa2048()).expectStatus().isUnauthorized();
		USERS.server.verify(USERS.lookupOf(name)
			.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + UserServiceStub.TOKEN))
			.withQueryParam("provider", equalTo("github")));
	}

	@Test
	void aDisabledPrincipalIsRefusedAndLosesItsSessionsOnRefresh() {
		String name = unique("dis");
		KeyPair key = TestKeys.rsa2048();
		USERS.user("u-" + name, name, "active", key);
		TokenPair pair = login(name, key);
		USERS.user("u-" + name, name, "disabled", key);
		this.clock.advance(Duration.ofSeconds(30));
		attempt(name, key).expectStatus().isUnauthorized();
		refresh(pair.refreshToken()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("The principal is disabled or unknown; its sessions are revoked.");
	}

	@Test
	void anApplicationOfADisabledOwnerIsDisabled() {
		String owner = unique("own");
		String app = unique("app");
		KeyPair appKey = TestKeys.rsa2048();
		USERS.user("u-" + owner, owner, "active", TestKeys.rsa2048());
		USERS.answerLogin("seta", app, okJson(UserServiceStub.principal("a-" + app, app, "application", "u-" + owner,
				"active", appKey)));
		postToken(proof("seta", app, Messages.randomLetters(), null, appKey)).expectStatus().isOk();
		USERS.user("u-" + owner, owner, "disabled", TestKeys.rsa2048());
		this.clock.advance(Duration.ofSeconds(30));
		postToken(proof("seta", app, Messages.randomLetters(), null, appKey)).expectStatus().isUnauthorized();
	}

	@Test
	void aSlowUserServiceIs503ForNewcomersAndStaleAnswersForRecentPrincipals() {
		String known = unique("known");
		String newcomer = unique("new");
		KeyPair key = TestKeys.rsa2048();
		USERS.user("u-" + known, known, "active", key);
		attempt(known, key).expectStatus().isOk();
		USERS.answerLogin("github", known, aResponse().withFixedDelay(5_000).withStatus(200));
		USERS.answerLogin("github", newcomer, aResponse().withFixedDelay(5_000).withStatus(200));
		this.clock.advance(Duration.ofSeconds(31));
		// seen 31 s ago: within the stale limit, it keeps working from the last answer
		attempt(known, key).expectStatus().isOk();
		expectUnavailable(attempt(newcomer, key));
		// past the stale limit it does not
		this.clock.advance(Duration.ofMinutes(10));
		expectUnavailable(attempt(known, key));
	}

	@Test
	void serverErrorsAre503NotAFailedLogin() {
		String name = unique("err");
		USERS.answerLogin("github", name, serverError());
		expectUnavailable(attempt(name, TestKeys.rsa2048()));
	}

	@Test
	void garbageAndBadKeysAre503AndNeverAToken() {
		KeyPair key = TestKeys.rsa2048();
		String garbage = unique("garbage");
		USERS.answerLogin("github", garbage, okJson("{\"id\": [1, 2"));
		expectUnavailable(attempt(garbage, key));
		String notObject = unique("array");
		USERS.answerLogin("github", notObject, okJson("[]"));
		expectUnavailable(attempt(notObject, key));
		String weak = unique("weak");
		USERS.answerLogin("github", weak, okJson(UserServiceStub.principal("u-" + weak, weak, "user", null, "active",
				TestKeys.rsa(1024, java.math.BigInteger.valueOf(65537)))));
		expectUnavailable(attempt(weak, key));
		String wrongType = unique("type");
		USERS.answerLogin("github", wrongType,
				okJson(UserServiceStub.principal("u-" + wrongType, wrongType, "robot", null, "active", key)));
		expectUnavailable(attempt(wrongType, key));
	}

	@Test
	void concurrentLoginsOfOnePrincipalCauseOneLookup() throws Exception {
		String name = unique("crowd");
		KeyPair key = TestKeys.rsa2048();
		USERS.slowUser(name, 300, key);
		List<Map<String, Object>> proofs = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			proofs.add(proof("github", name, Messages.randomLetters(), null, key));
		}
		List<Integer> statuses = Race.of(100,
				(i) -> () -> postToken(proofs.get(i)).returnResult(Void.class).getStatus().value());
		assertThat(statuses).containsOnly(200);
		assertThat(USERS.loginLookups(name)).isEqualTo(1);
	}

	private WebTestClient.ResponseSpec attempt(String username, KeyPair key) {
		return postToken(proof("github", username, Messages.randomLetters(), null, key));
	}

	private TokenPair login(String username, KeyPair key) {
		return attempt(username, key).expectStatus().isOk().expectBody(TokenPair.class).returnResult().getResponseBody();
	}

	private static Map<String, Object> proof(String provider, String username, String message, Object unused,
			KeyPair key) {
		return proof(provider, username, message, TestKeys.sign(key.getPrivate(), message));
	}

	private static void expectUnavailable(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.json("{\"error\":\"temporarily_unavailable\",\"message\":\"The user directory is unavailable; retry shortly.\"}",
					true);
	}

	private static String unique(String name) {
		return name + "-" + Messages.randomLetters().substring(0, 8);
	}

}
