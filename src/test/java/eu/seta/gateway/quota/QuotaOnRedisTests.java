package eu.seta.gateway.quota;

import eu.seta.gateway.ratelimit.TokenBucketScript;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.OnRedisStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.scripting.support.StaticScriptSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped quota of the search route counted in Redis by Spring Cloud Gateway's RedisRateLimiter, which refills
 * on Redis's own clock: a caller calling as fast as it can meets the 429 after its burst of 40, give or take what
 * refilled meanwhile, and another principal is not affected.
 */
@OnRedisStore
@TestPropertySource(properties = "seta.edge.quota.enabled=true")
class QuotaOnRedisTests extends GatewayIntegrationTest {

	/** Far more than the burst and what 20 per second can refill while a test client sends them. */
	private static final int ENOUGH = 400;

	@Test
	void aPrincipalOverItsQuotaGetsA429AndAnotherDoesNot() {
		String alice = "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		String bob = "Bearer " + login(BOB, BOB_KEY.getPrivate()).accessToken();
		EntityExchangeResult<byte[]> refused = null;
		int passed = 0;
		while (refused == null && passed < ENOUGH) {
			EntityExchangeResult<byte[]> answer = search(alice);
			if (answer.getStatus().value() == 429) {
				refused = answer;
			}
			else {
				assertThat(answer.getStatus().value()).isEqualTo(200);
				passed++;
			}
		}
		assertThat(refused).as("a 429 within %d calls", ENOUGH).isNotNull();
		assertThat(passed).isGreaterThanOrEqualTo(40);
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("40");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("20");
		assertThat(refused.getResponseHeaders().getContentType().toString()).startsWith("application/json");
		assertThat(new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8))
			.contains("\"error\":\"too_many_requests\"");
		EntityExchangeResult<byte[]> other = search(bob);
		assertThat(other.getStatus().value()).isEqualTo(200);
		assertThat(Integer.parseInt(other.getResponseHeaders().getFirst("X-RateLimit-Remaining"))).isEqualTo(39);
	}

	/**
	 * Spring Cloud Gateway's own script bean is a resource in its jar that is asked for its modification time on
	 * every call, under a lock: the limiter must run the copy read once at start.
	 */
	@Test
	void theQuotaRunsTheScriptReadAtStartNotAFileAskedOnEveryCall(@Autowired RedisRateLimiter limiter) {
		assertThat(ReflectionTestUtils.getField(limiter, "script")).isSameAs(TokenBucketScript.SCRIPT);
		assertThat(ReflectionTestUtils.getField(TokenBucketScript.SCRIPT, "scriptSource"))
			.isInstanceOf(StaticScriptSource.class);
	}

	private EntityExchangeResult<byte[]> search(String authorization) {
		return this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
	}

}
