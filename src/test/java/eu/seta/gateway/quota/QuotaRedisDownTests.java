package eu.seta.gateway.quota;

import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestJwts;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TestSigningKeys;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/** With Redis unreachable, the quota lets proxied calls through (unlike the token API, which answers 503). */
class QuotaRedisDownTests {

	@Test
	void proxiedCallsGoThroughWhenRedisIsDown() throws Exception {
		WireMockServer backend = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		backend.start();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		TestRedis redis = TestRedis.dedicated();
		try (RunningGateway gateway = RunningGateway.start(Map.of("seta.store.type", "redis",
				"spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", Integer.toString(redis.port()),
				"seta.edge.quota.enabled", "true", "SEARCH_URI", backend.baseUrl()))) {
			redis.stop();
			Instant now = Instant.now();
			String token = TestJwts.rs256(TestJwts.header("RS256", TestSigningKeys.KID), TestJwts.claims(now),
					TestSigningKeys.KEY.toPrivateKey());
			for (int call = 1; call <= 3; call++) {
				gateway.web()
					.get()
					.uri("/seta-search/api/v1/corpus")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange()
					.expectStatus()
					.isOk();
			}
		}
		finally {
			backend.stop();
			redis.stop();
		}
	}

}
