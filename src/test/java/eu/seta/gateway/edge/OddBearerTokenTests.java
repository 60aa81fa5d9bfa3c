package eu.seta.gateway.edge;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens that carry the gateway's own valid signature but odd claims: whatever they hold, the answer is 401 with
 * the JSON body or the call passes; never a 500. (Only the signing key can make these, so the edge's strict claim
 * checks are the last line, not the first.)
 */
class OddBearerTokenTests extends GatewayIntegrationTest {

	private static final String PROTECTED = "/seta-search/api/v1/corpus";

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// expired 10 s ago, inside the 30 s skew, but issued now: it expires before it was issued
			"\"iat\":NOW,\"exp\":NOW-10",
			"\"iat\":NOW,\"exp\":NOW",
			"\"iat\":NOW+100,\"exp\":NOW+50",
			"\"iat\":\"yesterday\",\"exp\":NOW+60",
			"\"iat\":NOW,\"exp\":NOW+60,\"nbf\":\"soon\"",
			"\"iat\":NOW,\"exp\":NOW+60,\"scope\":[1,2]",
			"\"iat\":NOW,\"exp\":NOW+60,\"scp\":{\"a\":1}",
			"\"iat\":NOW,\"exp\":NOW+60,\"seta_id\":42",
			"\"iat\":NOW,\"exp\":NOW+60,\"seta_id\":\"text\"",
			"\"iat\":NOW,\"exp\":NOW+60,\"seta_id\":{\"provider\":7,\"provider_uid\":[]}",
			"\"iat\":NOW,\"exp\":NOW+60,\"role\":{\"a\":1},\"user_type\":[],\"jti\":5",
			"\"iat\":NOW,\"exp\":NOW+60,\"aud\":[\"seta-api\",7]",
			"\"iat\":NOW,\"exp\":NOW+60,\"iss\":\"http://localhost:8080\",\"iss\":\"x\"",
			"\"iat\":-99999999999999,\"exp\":NOW+60",
			"\"iat\":1.5e300,\"exp\":NOW+60",
			"\"iat\":NOW,\"exp\":NOW+60.7",
			// exp at, or within the skew of, the last second an Instant holds: exp + skew must not overflow
			"\"iat\":NOW,\"exp\":31556889864403199",
			"\"iat\":NOW,\"exp\":31556889864403180",
			"\"iat\":NOW,\"exp\":-31557014167219200",
			"\"iat\":NOW,\"exp\":9223372036854775807",
			"\"iat\":NOW,\"exp\":18446744073709551676",
			"\"iat\":NOW,\"exp\":1e19",
			"\"iat\":NOW,\"exp\":NOW+60,\"nbf\":31556889864403199",
			"\"iat\":NOW,\"exp\":NOW+60,\"nbf\":-31557014167219200",
			"\"iat\":NOW,\"exp\":NOW+50,\"nbf\":NOW+100",
			"\"iat\":31556889864403199,\"exp\":31556889864403199" })
	void aSignedTokenWithOddClaimsGets401OrPassesButNever500(String times) {
		long now = this.clock.instant().getEpochSecond();
		String claims = "{\"sub\":\"u-alice\",\"seta_id\":{\"user_id\":\"u-alice\",\"provider\":\"github\","
				+ "\"provider_uid\":\"alice\"},\"iss\":\"http://localhost:8080\",\"aud\":\"seta-api\",\"role\":\"User\","
				+ "\"user_type\":\"user\",\"type\":\"access\",\"jti\":\"j-1\"," + substitute(times, now) + "}";
		EntityExchangeResult<String> result = this.client.get()
			.uri(PROTECTED)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.gatewaySigned(claims))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getStatus().value()).as(claims).isIn(200, 401);
		if (result.getStatus().value() == 401) {
			assertThat(result.getResponseBody()).as(claims)
				.matches("\\{\"error\":\"invalid_token\",\"message\":\"[^\"]+\"}");
			assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(claims)
				.startsWith("Bearer realm=\"seta\", error=\"invalid_token\"");
		}
	}

	private static String substitute(String template, long now) {
		return template.replace("NOW-10", Long.toString(now - 10))
			.replace("NOW+100", Long.toString(now + 100))
			.replace("NOW+50", Long.toString(now + 50))
			.replace("NOW+60", Long.toString(now + 60))
			.replace("NOW", Long.toString(now));
	}

}
