package eu.seta.gateway.token;

import java.util.List;
import java.util.Map;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description is served where SeTA's docs link, without any network access, and is complete. */
class ApiDocumentationTests extends GatewayIntegrationTest {

	@Test
	void describesEveryEndpointAndStatusOfTheTokenApi() {
		String json = this.client.get()
			.uri("/authentication/v1/doc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JsonNode paths = JsonMapper.builder().build().readTree(json).get("paths");
		Map<String, List<String>> expected = Map.of("/authentication/v1/token", List.of("200", "400", "401", "413", "415"),
				"/authentication/v1/token/refresh", List.of("200", "401"), "/authentication/v1/token/revoke",
				List.of("200", "400", "415"));
		expected.forEach((path, statuses) -> {
			JsonNode responses = paths.get(path).get("post").get("responses");
			assertThat(responses.propertyNames()).as(path).containsAll(statuses);
		});
		JsonNode tokenRequest = paths.get("/authentication/v1/token").get("post").get("requestBody");
		assertThat(tokenRequest.toString()).contains("TokenRequest");
		// the token exchange (RFC 8693) is the form variant of the same request
		assertThat(tokenRequest.get("content").has("application/x-www-form-urlencoded")).isTrue();
		assertThat(tokenRequest.toString()).contains("TokenExchangeRequest");
		assertThat(json).contains("subject_token_type", "urn:ietf:params:oauth:grant-type:token-exchange",
				"issued_token_type");
		assertThat(json).contains("rsa_original_message", "rsa_message_signature", "refresh_expires_in");
		assertThat(paths.has("/.well-known/jwks.json")).isTrue();
		assertThat(paths.has("/.well-known/oauth-authorization-server")).isTrue();
	}

}
