package eu.seta.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer tokens the edge refuses as Netty reads the request head ({@link TokenRefusalBeforeExchange}): the
 * answer is the exchange path's to the byte (each case is asked twice, once as a request the early check judges and
 * once with {@code Content-Length: 0}, which sends it down the exchange path), the connection stays usable and its
 * answers in order, and every request something else must answer first still gets that answer. Which path answered
 * is told by {@code seta.http.refused{reason=bearer_token}}.
 */
class TokenRefusalBeforeExchangeTests extends GatewayIntegrationTest {

	private static final String CORPUS = "/seta-search/api/v1/corpus";

	@Autowired
	private MeterRegistry meters;

	private final List<Socket> sockets = new ArrayList<>();

	@AfterEach
	void closeSockets() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	static Stream<Arguments> refusedTokens() {
		String validShape = "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6Im5vLXN1Y2gta2V5In0.eyJzdWIiOiJ4In0.c2ln";
		return Stream.of(Arguments.of("Bearer abc.def.ghi", 401), Arguments.of("Bearer " + validShape, 401),
				Arguments.of("Bearer", 401), Arguments.of("Bearer a b", 401), Arguments.of("bearer x.y", 401),
				Arguments.of("Bearer " + "a".repeat(5000), 400));
	}

	@ParameterizedTest
	@MethodSource("refusedTokens")
	void aRefusedTokenGetsTheExchangePathsAnswer(String authorization, int status) throws IOException {
		double early = earlyRefusals();
		Answer before = ask("GET " + CORPUS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
				+ "\r\n\r\n");
		assertThat(earlyRefusals()).as("answered before an exchange").isEqualTo(early + 1);
		Answer exchange = ask("GET " + CORPUS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
				+ "\r\nContent-Length: 0\r\n\r\n");
		assertThat(earlyRefusals()).as("answered on the exchange path").isEqualTo(early + 1);
		assertThat(before.status()).isEqualTo(status);
		assertThat(before).isEqualTo(exchange);
		assertThat(before.headers()).containsKeys("www-authenticate", "x-content-type-options", "x-frame-options",
				"x-xss-protection", "referrer-policy", "cache-control");
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void aTamperedAndAnExpiredTokenGetTheExchangePathsAnswer() throws IOException {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		String token = pair.accessToken();
		int dot = token.lastIndexOf('.');
		String tampered = token.substring(0, dot - 4) + (token.charAt(dot - 4) == 'A' ? 'B' : 'A')
				+ token.substring(dot - 3);
		double early = earlyRefusals();
		Answer before = ask(get(CORPUS, tampered));
		assertThat(before).isEqualTo(ask(get(CORPUS, tampered).replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n")));
		assertThat(before.body()).contains("The access token's signature is invalid.");
		this.clock.advance(Duration.ofHours(2));
		Answer expired = ask(get(CORPUS, token));
		assertThat(expired).isEqualTo(ask(get(CORPUS, token).replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n")));
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.body()).contains("expired");
		assertThat(earlyRefusals()).isEqualTo(early + 2);
	}

	@Test
	void refusalsKeepTheConnectionAndItsAnswersInOrder() throws IOException {
		String valid = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		Socket socket = open();
		for (int i = 0; i < 3; i++) {
			ConnectionLimitsTests.send(socket, get(CORPUS, "garbage.token." + i));
			assertThat(read(socket).status()).isEqualTo(401);
		}
		ConnectionLimitsTests.send(socket, get(CORPUS, valid));
		assertThat(read(socket).status()).as("a valid call on the same connection").isEqualTo(200);
		// pipelined: the second refusal waits behind the proxied call, and goes to the exchange path for it
		double early = earlyRefusals();
		String pipelined = get(CORPUS, "garbage.a.b") + get(CORPUS, valid) + get(CORPUS, "garbage.c.d");
		ConnectionLimitsTests.send(socket, pipelined);
		assertThat(read(socket).status()).isEqualTo(401);
		assertThat(read(socket).status()).isEqualTo(200);
		Answer last = read(socket);
		assertThat(last.status()).isEqualTo(401);
		assertThat(last.body()).contains("invalid_token");
		assertThat(earlyRefusals()).isEqualTo(early + 1);
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
	}

	@Test
	void whatSomethingElseAnswersFirstIsStillAnsweredSo() throws IOException {
		double early = earlyRefusals();
		assertThat(ask(get("/seta-search/api/../v1/corpus", "abc.def.ghi")).body())
			.as("the firewall").contains("The request path or headers are not acceptable.");
		assertThat(ask(get(CORPUS + "?access_token=x", "abc.def.ghi")).body())
			.contains("Send the access token in the Authorization header, not in the URL.");
		assertThat(ask(get(CORPUS, "abc.def.ghi").replace("\r\n\r\n", "\r\nAuthorization: Bearer x.y.z\r\n\r\n")))
			.extracting(Answer::status, Answer::body)
			.containsExactly(400, "{\"error\":\"invalid_request\",\"message\":\"Send one Authorization header.\"}");
		Answer tooLarge = ask(get(CORPUS, "abc.def.ghi").replace("\r\n\r\n", "\r\nX-Pad: " + "p".repeat(17_000)
				+ "\r\n\r\n"));
		assertThat(tooLarge.status()).isEqualTo(431);
		Answer refresh = ask("POST /authentication/v1/token/refresh HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer abc.def.ghi\r\n\r\n");
		assertThat(refresh.body()).as("a refresh token is the token API's to judge").doesNotContain("access token");
		// found in a review: WebFlux cannot make a URI of this Host and answers 400 before any filter runs
		assertThat(ask(get(CORPUS, "abc.def.ghi").replace("Host: localhost", "Host: [1:2]")).status()).isEqualTo(400);
		assertThat(earlyRefusals()).as("none of them was answered before an exchange").isEqualTo(early);
	}

	@Test
	void aValidTokenGoesOnAndIsCountedOnceInTheCache() throws IOException {
		String valid = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		double hits = cacheGets("hit");
		double misses = cacheGets("miss");
		assertThat(ask(get(CORPUS, valid)).status()).isEqualTo(200);
		assertThat(ask(get(CORPUS, valid)).status()).isEqualTo(200);
		assertThat(cacheGets("miss")).as("the first call's").isEqualTo(misses + 1);
		assertThat(cacheGets("hit")).as("the second call's").isEqualTo(hits + 1);
	}

	@Test
	void onlyANameOrAnIpv4AddressWithAnOptionalPortIsAPlainHost() {
		assertThat(Stream.of("localhost", "localhost:8080", "10.1.2.3:443", "seta.example.org"))
			.allMatch(TokenRefusalBeforeExchange::isPlainHost);
		assertThat(Stream.of("", ":80", "localhost:", "[::1]", "[1:2]", "a b", "host:8o", "h_st", "x:1:2"))
			.noneMatch(TokenRefusalBeforeExchange::isPlainHost);
		assertThat(TokenRefusalBeforeExchange.isPlainHost(null)).isFalse();
	}

	private double earlyRefusals() {
		var counter = this.meters.find("seta.http.refused")
			.tag("server", "public")
			.tag("reason", RefusalsBeforeExchange.TOKEN_REFUSED)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double cacheGets(String result) {
		FunctionCounter gets = this.meters.find("cache.gets")
			.tag("cache", "seta.bearer.verified")
			.tag("result", result)
			.functionCounter();
		return (gets != null) ? gets.count() : 0;
	}

	private static String get(String path, String token) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n\r\n";
	}

	private Answer ask(String request) throws IOException {
		Socket socket = open();
		ConnectionLimitsTests.send(socket, request);
		return read(socket);
	}

	private Socket open() throws IOException {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout(10_000);
		this.sockets.add(socket);
		return socket;
	}

	/** One response: status, headers by lower-case name (the date aside), and its body, sized or chunked. */
	private static Answer read(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		String head = line(in);
		int status = Integer.parseInt(head.split(" ")[1]);
		Map<String, String> headers = new TreeMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		headers.remove("date");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ("chunked".equalsIgnoreCase(headers.remove("transfer-encoding"))) {
			for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
				body.write(in.readNBytes(size));
				line(in);
			}
			line(in);
		}
		else {
			body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
		}
		return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("closed in the middle of a response: " + line);
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	record Answer(int status, Map<String, String> headers, String body) {
	}

}
