package eu.seta.gateway.token;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** What revoke tells a client that sent a content type it does not read (docs/token-api.md). */
class RevocationContentTypeTests extends GatewayIntegrationTest {

	@Test
	void acceptPostListsTheAcceptedTypesCommaSeparated() {
		this.client.post()
			.uri("/authentication/v1/token/revoke")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("token=x")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.valueEquals("Accept-Post", "application/x-www-form-urlencoded, application/json")
			.expectBody()
			.json("{\"error\":\"invalid_request\",\"message\":\"Unsupported content type; send "
					+ "application/x-www-form-urlencoded or application/json.\"}", true);
	}

	@Test
	void theTokenEndpointStillNamesJsonAlone() {
		this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("x")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.valueEquals("Accept-Post", "application/json");
	}

}
