package eu.seta.gateway.quota;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a caller over its quota gets, on either store. */
final class QuotaAnswers {

	private QuotaAnswers() {
	}

	static void assertOverQuota(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "40")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "20")
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("too_many_requests")
			.jsonPath("$.message")
			.isNotEmpty();
	}

}
