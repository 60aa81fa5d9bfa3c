package eu.seta.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests pipelined on one connection, written at once: each gets its answer, in order, whatever answers the one
 * before it (the backend, the gateway's own endpoints, a refusal, a 404). On io_uring, where this suite runs on a
 * kernel that allows it, Reactor Netty alone left the second one unanswered until the idle timeout behind any
 * answer the gateway made itself.
 */
class PipelinedRequestsTests extends GatewayIntegrationTest {

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

	@ParameterizedTest
	@ValueSource(strings = { "GET /seta-ui/first", "GET /seta-ui/a\\b", "GET /nothing-routes-here",
			"GET /authentication/v1/jwks", "GET /seta-search/api/v1/corpus", "OPTIONS /seta-ui/first" })
	void theRequestBehindAnyAnswerIsAnswered(String first) {
		List<Integer> statuses = statuses(send(first + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
				+ "GET /seta-ui/second HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
		assertThat(statuses).as(first).hasSize(2).last().isEqualTo(200);
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).as(first)
			.anySatisfy((request) -> assertThat(request.getUrl()).isEqualTo("/seta-ui/second"));
	}

	@Test
	void threeInARowWithABodyBetweenAreAnsweredInOrder() {
		String body = "{\"q\":\"pipelined\"}";
		List<Integer> statuses = statuses(send("GET /seta-ui/a\\b HTTP/1.1\r\nHost: localhost\r\n\r\n"
				+ "POST /seta-ui/posted HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body
				+ "GET /seta-ui/third HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
		assertThat(statuses).containsExactly(400, 200, 200);
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).extracting((request) -> request.getUrl())
			.containsExactly("/seta-ui/posted", "/seta-ui/third");
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString()).isEqualTo(body);
	}

	private static List<Integer> statuses(String answers) {
		List<Integer> statuses = new ArrayList<>();
		Matcher matcher = STATUS_LINE.matcher(answers);
		while (matcher.find()) {
			statuses.add(Integer.parseInt(matcher.group(1)));
		}
		return statuses;
	}

	/** Writes the bytes at once and reads until the server closes; a connection left hanging fails after 10 s. */
	private String send(String requests) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			ByteArrayOutputStream answers = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			in.transferTo(answers);
			return answers.toString(StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
