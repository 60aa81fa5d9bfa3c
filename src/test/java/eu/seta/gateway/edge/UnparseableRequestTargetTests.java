package eu.seta.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request lines no HTTP client library would send, over a raw socket: a character a URL may not hold raw gets the
 * same answer as its percent-encoding, so a refusal is the gateway's JSON 400, never an empty one. The same holds
 * for what Reactor Netty refuses before a request reaches WebFlux: a {@code Host} port that is not a number, an
 * HTTP/2 request line.
 */
class UnparseableRequestTargetTests extends GatewayIntegrationTest {

	@Autowired
	private Environment environment;

	@Autowired
	private MeterRegistry meters;

	private static final String FIREWALL_REFUSAL = "{\"error\":\"invalid_request\","
			+ "\"message\":\"The request path or headers are not acceptable.\"}";

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/seta-ui/a\\b", "/seta-ui\\..\\seta-search/api/v1/corpus", "/seta-ui/100%zz",
			"/seta-ui/a%", "/seta-ui/a%5" })
	void aBackslashOrAStrayPercentIsRefusedWithTheJsonBody(String target) {
		RawResponse response = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).as(target).isEqualTo(400);
		assertThat(response.head()).as(target).containsIgnoringCase("content-type: application/json");
		assertThat(response.head()).as(target).containsIgnoringCase("x-content-type-options: nosniff");
		assertThat(response.body()).as(target).isEqualTo(FIREWALL_REFUSAL);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void theEncodedBackslashGetsTheSameAnswer() {
		RawResponse response = send("GET /seta-ui/a%5Cb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo(FIREWALL_REFUSAL);
	}

	@Test
	void otherCharactersAUrlMayNotHoldRawAreReadAsTheirPercentEncoding() {
		// in the query a stray % is no path trick: the firewall lets its encoding through, and so it goes on
		RawResponse response = send(
				"GET /seta-ui/a|b{c}^?q=[1]&r=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(200);
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).singleElement()
			.extracting(LoggedRequest::getUrl)
			.isEqualTo("/seta-ui/a%7Cb%7Bc%7D%5E?q=%5B1%5D&r=%25zz");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:abc", "localhost:", "localhost:1:2", "localhost:2147483648", "[::1",
			"[::1]:x", ":" })
	void aHostHeaderWhosePortIsNotANumberIsRefusedWithTheJsonBody(String host) {
		for (String target : new String[] { "/seta-ui/index.html", "/authentication/v1/jwks" }) {
			RawResponse response = send("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
			assertThat(response.status()).as(host).isEqualTo(400);
			assertThat(response.head()).as(host).containsIgnoringCase("content-type: application/json");
			assertThat(response.head()).as(host).containsIgnoringCase("cache-control: no-store");
			assertThat(response.body()).as(host)
				.isEqualTo("{\"error\":\"invalid_request\",\"message\":\"The Host header is not valid.\"}");
		}
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "localhost:8080", "[::1]", "[::1]:8080" })
	void aHostHeaderWithANumericPortOrNoneStillPasses(String host) {
		RawResponse response = send(
				"GET /seta-ui/index.html HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).as(host).isEqualTo(200);
	}

	@Test
	void anHttp2PrefaceSentInTheClearIsRefusedWithTheJsonBody() {
		RawResponse response = send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.head()).containsIgnoringCase("content-type: application/json");
		assertThat(response.body())
			.isEqualTo("{\"error\":\"invalid_request\",\"message\":\"The request is not valid HTTP.\"}");
	}

	@Test
	void aKeptAliveConnectionServesTheNextRequestAfterARefusal() {
		RawResponse response = send("GET /seta-ui/a\\b HTTP/1.1\r\nHost: localhost\r\n\r\n"
				+ "GET /seta-ui/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.rest()).startsWith("HTTP/1.1 200 OK");
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).singleElement()
			.extracting(LoggedRequest::getUrl)
			.isEqualTo("/seta-ui/ok");
	}

	/**
	 * The management port is a server of its own (Spring Boot's child context for the actuator): what its decoder
	 * refuses gets the same JSON answers, not Reactor Netty's empty 400.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "G\u0001T /actuator/health HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nBad Header: y\r\n\r\n" })
	void theManagementPortRefusesWhatIsNotHttpWithTheJsonBody(String request) {
		RawResponse response = send(managementPort(), request);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.head()).containsIgnoringCase("content-type: application/json")
			.containsIgnoringCase("connection: close");
		assertThat(response.body())
			.isEqualTo("{\"error\":\"invalid_request\",\"message\":\"The request is not valid HTTP.\"}");
	}

	/** What never becomes an exchange is in no access log and no request metric: it is counted on its own. */
	@Test
	void refusalsBeforeAnExchangeAreCountedByServerAndReason() {
		int management = managementPort();
		double publicBefore = refused("public", "http2_line");
		double managementBefore = refused("management", "bad_host");
		double garbledBefore = refused("management", "not_http");
		send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
		send(management, "GET /actuator/health HTTP/1.1\r\nHost: localhost:abc\r\n\r\n");
		send(management, "G\u0001T / HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(refused("public", "http2_line")).isEqualTo(publicBefore + 1);
		assertThat(refused("management", "bad_host")).isEqualTo(managementBefore + 1);
		assertThat(refused("management", "not_http")).isEqualTo(garbledBefore + 1);
	}

	private double refused(String server, String reason) {
		var counter = this.meters.find("seta.http.refused").tag("server", server).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void theManagementPortRefusesAHostPortThatIsNotANumberAndStillAnswersAGoodRequest() {
		int management = managementPort();
		RawResponse refused = send(management, "GET /actuator/health HTTP/1.1\r\nHost: localhost:abc\r\n\r\n");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body())
			.isEqualTo("{\"error\":\"invalid_request\",\"message\":\"The Host header is not valid.\"}");
		RawResponse health = send(management,
				"GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
	}

	/**
	 * A refusal here closes the connection, so nothing sent after the refused request may run: Netty's decoder still
	 * parses a request that follows a refused Host header or HTTP/2 line in the same packet (or in the linger
	 * after the answer), and Reactor Netty, which never saw the refusal, would send it to the backend.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "GET /seta-ui/a HTTP/1.1\r\nHost: localhost:abc\r\n\r\n",
			"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" })
	void whatFollowsARefusedRequestOnItsConnectionNeverReachesABackend(String refused) {
		RawResponse answer = send(refused + "POST /seta-ui/b HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.rest()).isEmpty();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> BACKEND.findAll(anyRequestedFor(anyUrl())).isEmpty());
	}

	/**
	 * Found in a review: a refusal pipelined behind a request still at the backend was written at once, and the
	 * client read it as the answer to the earlier request. Answers go out in the order of the requests.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "GET /seta-ui/a HTTP/1.1\r\nHost: localhost:abc\r\n\r\n",
			"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "GET /seta-ui/a%s HTTP/1.1\r\nHost: localhost\r\n\r\n" })
	void aRefusalPipelinedBehindARequestAtTheBackendIsAnsweredAfterIt(String refused) {
		BACKEND.stubFor(get(urlEqualTo("/seta-ui/slow"))
			.willReturn(aResponse().withStatus(200).withBody("{\"slow\":true}").withFixedDelay(500)));
		String answers = sendRaw(this.port, "GET /seta-ui/slow HTTP/1.1\r\nHost: localhost\r\n\r\n"
				+ refused.formatted("b".repeat(20_000)));
		// the proxied answer is chunked: read as text, the refusal's status line must follow the slow body
		int slowBody = answers.indexOf("{\"slow\":true}");
		int refusal = answers.indexOf("HTTP/1.1 4");
		assertThat(answers).as("the earlier request's answer comes first").startsWith("HTTP/1.1 200");
		assertThat(slowBody).as("the earlier request's body, before the refusal").isPositive().isLessThan(refusal);
		RawResponse second = RawResponse.of(answers.substring(refusal));
		assertThat(second.status()).isIn(400, 414);
		assertThat(second.body()).startsWith("{\"error\":\"invalid_request\"");
		assertThat(second.head()).containsIgnoringCase("connection: close");
	}

	private int managementPort() {
		return this.environment.getRequiredProperty("local.management.port", Integer.class);
	}

	private RawResponse send(String request) {
		return send(this.port, request);
	}

	/** Writes the bytes as they are and reads until the server closes (the last request says close). */
	private RawResponse send(int port, String request) {
		return RawResponse.of(sendRaw(port, request));
	}

	private static String sendRaw(int port, String request) {
		try (Socket socket = new Socket("localhost", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(answer);
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first answer on the connection (its body sized by Content-Length), and whatever followed it. */
	record RawResponse(int status, String head, String body, String rest) {

		static RawResponse of(String text) {
			int end = text.indexOf("\r\n\r\n");
			String head = text.substring(0, end);
			int length = head.lines()
				.filter((line) -> line.regionMatches(true, 0, "content-length:", 0, 15))
				.map((line) -> Integer.parseInt(line.substring(15).strip()))
				.findFirst()
				.orElse(text.length() - end - 4);
			String body = text.substring(end + 4, end + 4 + length);
			return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, body, text.substring(end + 4 + length));
		}

	}

}
