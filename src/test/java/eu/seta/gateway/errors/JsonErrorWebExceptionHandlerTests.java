package eu.seta.gateway.errors;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonErrorWebExceptionHandlerTests {

	private final JsonErrorWebExceptionHandler handler = new JsonErrorWebExceptionHandler(
			new ErrorResponses(JsonMapper.builder().build()));

	@Test
	void unexpectedFailureBecomesA500WithoutItsMessage() {
		MockServerWebExchange exchange = handle(new IllegalStateException("secret internal detail at line 42"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(exchange.getResponse().getBodyAsString().block())
			.isEqualTo("{\"error\":\"server_error\",\"message\":\"Internal error.\"}");
	}

	@Test
	void statusExceptionKeepsItsStatusButNotItsReason() {
		MockServerWebExchange exchange = handle(new ResponseStatusException(HttpStatus.NOT_FOUND, "no handler for /x in Foo"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(exchange.getResponse().getBodyAsString().block())
			.isEqualTo("{\"error\":\"not_found\",\"message\":\"No such resource.\"}");
	}

	@Test
	void methodNotAllowedKeepsTheAllowHeader() {
		MockServerWebExchange exchange = handle(new MethodNotAllowedException(HttpMethod.GET, java.util.List.of(HttpMethod.POST)));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.POST);
	}

	@Test
	void oversizedBufferIs413() {
		MockServerWebExchange exchange = handle(new DataBufferLimitException("Exceeded limit on max bytes"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
	}

	@Test
	void refusalIsWrittenAsIsWithItsHeaders() {
		MockServerWebExchange exchange = handle(ApiException.unavailable("Store unavailable.", 2));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(exchange.getResponse().getBodyAsString().block())
			.isEqualTo("{\"error\":\"temporarily_unavailable\",\"message\":\"Store unavailable.\"}");
	}

	private MockServerWebExchange handle(Throwable failure) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
		this.handler.handle(exchange, failure).block();
		return exchange;
	}

}
