package eu.seta.gateway.errors;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ErrorResponses responses = new ErrorResponses(this.json);

	@Test
	void aBodyIsSerializedOnceAndWrittenAlikeEveryTime() {
		ErrorBody body = new ErrorBody(ErrorCodes.INVALID_TOKEN, "The access token's signature is invalid.");
		String first = written(body);
		assertThat(this.responses.json(body)).isSameAs(this.responses.json(body));
		assertThat(written(body)).isEqualTo(first).isEqualTo(this.json.writeValueAsString(body));
		assertThat(this.responses.kept()).isEqualTo(1);
	}

	@Test
	void bodiesBeyondTheBoundAreSerializedAfreshAndNotKept() {
		for (int i = 0; i < ErrorResponses.SERIALIZED_BODIES + 50; i++) {
			ErrorBody body = new ErrorBody(ErrorCodes.INVALID_REQUEST, "detail " + i + " \"quoted\"");
			assertThat(written(body)).isEqualTo(this.json.writeValueAsString(body));
		}
		assertThat(this.responses.kept()).isEqualTo(ErrorResponses.SERIALIZED_BODIES);
	}

	/**
	 * Found in a review: the first 256 bodies were kept for good, so a client sending bodies with details of its own
	 * (a field given twice is named in the message) could take every place before the usual bodies were written,
	 * and leave those to be serialized on every refusal.
	 */
	@Test
	void aClientsOwnBodiesCannotPushOutTheUsualOnes() {
		ErrorBody usual = new ErrorBody(ErrorCodes.INVALID_TOKEN, "The access token's signature is invalid.");
		for (int i = 0; i < ErrorResponses.SERIALIZED_BODIES + 50; i++) {
			written(new ErrorBody(ErrorCodes.INVALID_REQUEST, "\"field" + i + "\" is given more than once."));
		}
		for (int i = 0; i < 20; i++) {
			assertThat(written(usual)).isEqualTo(this.json.writeValueAsString(usual));
		}
		byte[] kept = this.responses.json(usual);
		// the client's bodies at twenty times the usual one's rate: the usual one keeps its place
		for (int i = 0; i < 10_000; i++) {
			written(new ErrorBody(ErrorCodes.INVALID_REQUEST, "\"other" + i + "\" is given more than once."));
			if (i % 20 == 0) {
				assertThat(this.responses.json(usual)).as("still the one kept, after %d of the client's", i)
					.isSameAs(kept);
			}
		}
		assertThat(this.responses.kept()).isLessThanOrEqualTo(ErrorResponses.SERIALIZED_BODIES);
	}

	private String written(ErrorBody body) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
		this.responses.write(exchange, HttpStatus.UNAUTHORIZED, body, HttpHeaders.EMPTY).block();
		assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/json");
		return exchange.getResponse().getBodyAsString().block();
	}

}
