package eu.seta.gateway.edge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No blocking call on a Netty event loop or a Reactor non-blocking thread (the crypto workers are such threads)
 * along the token, refresh, revoke and proxy paths. BlockHound instruments the JVM before the gateway starts; every
 * blocking call it sees on such a thread is collected and must be none. Writing log lines is the one allowance:
 * the audit log is synchronous on purpose, so that no security event is lost.
 */
class EventLoopBlockHoundTests extends GatewayIntegrationTest {

	/** Shared with the subclasses, which run in the same JVM under the one detector installed here. */
	static final List<String> BLOCKING_CALLS = new CopyOnWriteArrayList<>();

	static {
		// install(...) also loads the integrations Reactor and Netty ship: they name the non-blocking threads
		BlockHound.install((builder) -> builder
			.allowBlockingCallsInside("ch.qos.logback.classic.Logger", "callAppenders")
			.blockingMethodCallback((method) -> BLOCKING_CALLS.add(method + " on " + Thread.currentThread().getName()
					+ " at " + java.util.Arrays.toString(new Throwable().getStackTrace()))));
	}

	/** The detector itself: parking a non-blocking thread (what every blocking wait comes down to) is caught. */
	@Test
	void aBlockingCallOnANonBlockingThreadIsCaught() {
		BLOCKING_CALLS.clear();
		Mono.fromCallable(() -> {
			LockSupport.parkNanos(1_000_000);
			return true;
		}).subscribeOn(Schedulers.parallel()).block();
		assertThat(BLOCKING_CALLS).singleElement().asString().contains("park");
		BLOCKING_CALLS.clear();
	}

	@Test
	void tokenRefreshRevokeAndProxyPathsNeverBlock() {
		BLOCKING_CALLS.clear();
		for (int i = 0; i < 20; i++) {
			// a failed proof spends the login's budget, a replay is looked up in the proof records
			String message = Messages.randomLetters();
			postToken(proof(ALICE, BOB_KEY.getPrivate(), message)).expectStatus().isUnauthorized();
			postToken(proof(ALICE, ALICE_KEY.getPrivate(), message)).expectStatus().isOk();
			postToken(proof(ALICE, ALICE_KEY.getPrivate(), message)).expectStatus().isUnauthorized();
			TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
			TokenPair next = refreshed(pair.refreshToken());
			this.client.get()
				.uri("/seta-search/api/v1/corpus")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + next.accessToken())
				.exchange()
				.expectStatus()
				.isOk();
			this.client.get().uri("/seta-search/api/v1/corpus").exchange().expectStatus().isUnauthorized();
			this.client.post()
				.uri("/authentication/v1/token/revoke")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + next.refreshToken())
				.exchange()
				.expectStatus()
				.isOk();
			refresh(next.refreshToken()).expectStatus().isUnauthorized();
		}
		assertThat(BLOCKING_CALLS).isEmpty();
	}

}
