package eu.seta.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that try to hold the edge's connections, or to make it read more than it should, on a gateway whose
 * header and idle timeouts are one second (the production values are 20 s and 60 s; the logic is the same). Every assertion is on
 * behaviour: who gets an answer, which connection the gateway closes, and in which state. The full-size numbers
 * (500 slow and 2 000 idle clients, a 1 GB upload, garbage tokens at 100 000 a minute) are measured by
 * {@code bench/exhaust.sh}, not here.
 */
@TestPropertySource(properties = { "seta.edge.connection.header-timeout=1s",
		"server.netty.idle-timeout=1s" })
class ConnectionLimitsTests extends GatewayIntegrationTest {

	private static final String SLOW_REQUEST = "GET /seta-search/api/v1/health HTTP/1.1\r\nHost: localhost\r\n"
			+ "User-Agent: " + "slow".repeat(50) + "\r\n\r\n";

	private final List<Socket> sockets = new ArrayList<>();

	private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void closeClients() throws IOException {
		this.trickler.shutdownNow();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	@Test
	void clientsTricklingTheirHeadersAreCutOffWhileANormalClientIsServed() throws IOException {
		// a byte every 100 ms restarts any idle timer: only the deadline on the whole head can end these
		List<Trickle> slow = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Trickle trickle = new Trickle(open());
			slow.add(trickle);
			this.trickler.scheduleWithFixedDelay(trickle::sendNextByte, 0, 100, TimeUnit.MILLISECONDS);
		}
		List<Socket> idle = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			idle.add(open());
		}
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.get()
			.uri("/seta-search/api/v1/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(Duration.ofSeconds(30)).until(() -> slow.stream().allMatch(Trickle::isCutOff));
		for (Trickle trickle : slow) {
			assertThat(trickle.sent).as("cut off before the head was complete").isLessThan(SLOW_REQUEST.length());
			assertThat(readAll(trickle.socket)).as("closed without an answer").isEmpty();
		}
		for (Socket socket : idle) {
			assertThat(readAll(socket)).as("an idle connection is closed without an answer").isEmpty();
		}
	}

	@Test
	void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws IOException {
		Socket socket = open();
		send(socket, "GET /authentication/v1/jwks HTTP/1.1\r\nHost: localhost\r\n\r\n");
		assertThat(readAll(socket)).startsWith("HTTP/1.1 200").contains("\"keys\"");
	}

	@Test
	void aBodyThatKeepsComingAfter100ContinueIsNotCutOffByTheHeaderDeadline() throws Exception {
		// found by bench/exhaust.sh: curl's 1 GB upload (Expect: 100-continue) was closed 20 s in, as if the interim
		// 100 had ended the request and the body were the head of the next one. With Reactor Netty's readTimeout
		// (1 s) this body was cut off too, though a piece came every 100 ms: the gateway sets none
		String body = "{\"username\":\"alice\",\"provider\":\"github\",\"rsa_message_signature\":\"00\","
				+ "\"rsa_original_message\":\"";
		body = body + "u".repeat(3000 - body.length() - 2) + "\"}";
		Socket socket = open();
		send(socket, "POST /authentication/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\nExpect: 100-continue\r\n\r\n");
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 100");
		// 3 s of body, a piece every 100 ms: past the 1 s header deadline, never a pause near the read timeout
		for (int i = 0; i < 30; i++) {
			send(socket, body.substring(i * 100, (i + 1) * 100));
			TimeUnit.MILLISECONDS.sleep(100);
		}
		assertThat(readResponse(socket)).as("an answer to the whole body, not a closed connection")
			.matches("(?s)HTTP/1.1 4\\d\\d .*\\{\"error\":.*");
	}

	@Test
	void aBodyThatEndsInTimeBehindAnEarlyAnswerLeavesTheConnectionToItsNextRequest() throws Exception {
		// found in a review: the edge answers 401 on the head alone, and the body's bytes that came after it armed
		// the header deadline as if they were the next request's head, which nothing but that head disarmed: the
		// connection was closed 1 s after the body's first byte, however soon the body ended
		Socket socket = open();
		send(socket, "POST /seta-search/api/v1/upload HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nContent-Length: 600\r\n\r\n");
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 401");
		for (int i = 0; i < 6; i++) {
			send(socket, "b".repeat(100));
			TimeUnit.MILLISECONDS.sleep(100);
		}
		// 1.2 s after the body's first byte, within the idle timeout of its last
		TimeUnit.MILLISECONDS.sleep(600);
		send(socket, "GET /authentication/v1/jwks HTTP/1.1\r\nHost: localhost\r\n\r\n");
		assertThat(readResponse(socket)).as("the connection serves the next request")
			.startsWith("HTTP/1.1 200")
			.contains("\"keys\"");
	}

	@Test
	void aBodyTrickledBehindAnEarlyAnswerIsCutOffAfterTheDeadline() throws Exception {
		// the bound on the rest of an answered body: without it, a chunk every 100 ms restarts the idle timer for ever
		Socket socket = open();
		send(socket, "POST /seta-search/api/v1/upload HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 401");
		Trickle chunks = new Trickle(socket);
		this.trickler.scheduleWithFixedDelay(() -> chunks.sendChunk(), 0, 100, TimeUnit.MILLISECONDS);
		await().atMost(Duration.ofSeconds(10)).until(chunks::isCutOff);
		assertThat(chunks.sent).as("chunks sent before the cut, at 10 a second").isGreaterThan(5);
	}

	@Test
	void aTwentyMegabyteTokenRequestIsRefusedBeforeItsBodyIsSent() throws IOException {
		Socket socket = open();
		send(socket, "POST /authentication/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + 20 * 1024 * 1024 + "\r\n\r\n{\"username\":\"");
		// only 14 bytes of the 20 MB were sent: the answer cannot have waited for the body
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 413")
			.endsWith("{\"error\":\"invalid_request\",\"message\":\"The request body exceeds 16384 bytes.\"}");
	}

	@Test
	void aChunkedTokenRequestIsRefusedAfterTheLimitNotAtItsEnd() throws IOException {
		Socket socket = open();
		send(socket, "POST /authentication/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n");
		String chunk = "4000\r\n" + "a".repeat(0x4000) + "\r\n";
		send(socket, chunk + chunk);
		// 32 KiB sent, no last chunk: the refusal comes from the limit, not from the end of the body
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 413").contains("The request body exceeds 16384 bytes.");
	}

	@Test
	void tenThousandHeadersAre431WithTheJsonBody() throws Exception {
		StringBuilder request = new StringBuilder("GET /seta-search/api/v1/health HTTP/1.1\r\nHost: localhost\r\n");
		for (int i = 0; i < 10_000; i++) {
			request.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
		}
		Socket socket = open();
		assertThat(sendWhileReading(socket, request.append("\r\n").toString())).startsWith("HTTP/1.1 431")
			.containsIgnoringCase("Content-Type: application/json")
			.endsWith("{\"error\":\"invalid_request\",\"message\":\"The request headers are too large.\"}");
	}

	@Test
	void tenThousandTinyHeadersWithinNettysLimitAre431WithTheJsonBodyToo() throws IOException {
		StringBuilder request = new StringBuilder("GET /seta-search/api/v1/health HTTP/1.1\r\nHost: localhost\r\n");
		request.append("A: 1\r\n".repeat(10_000));
		Socket socket = open();
		send(socket, request.append("\r\n").toString());
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 431")
			.endsWith("{\"error\":\"invalid_request\",\"message\":\"The request headers are too large.\"}");
	}

	@Test
	void aOneMegabyteHeaderIs431WithTheJsonBody() throws Exception {
		Socket socket = open();
		assertThat(sendWhileReading(socket, "GET /seta-search/api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
				+ "b".repeat(1024 * 1024) + "\r\n\r\n")).startsWith("HTTP/1.1 431")
			.endsWith("{\"error\":\"invalid_request\",\"message\":\"The request headers are too large.\"}");
	}

	@Test
	void anOverlongRequestLineIs414WithTheJsonBody() throws IOException {
		Socket socket = open();
		send(socket, "GET /seta-search/" + "a".repeat(8192) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 414")
			.endsWith("{\"error\":\"invalid_request\",\"message\":\"The request line is too long.\"}");
	}

	@Test
	void bytesThatAreNotHttpAre400WithTheJsonBody() throws IOException {
		Socket socket = open();
		send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Name: x\r\n\r\n");
		assertThat(readResponse(socket)).startsWith("HTTP/1.1 400")
			.endsWith("{\"error\":\"invalid_request\",\"message\":\"The request is not valid HTTP.\"}");
	}

	private Socket open() throws IOException {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout(30_000);
		socket.setTcpNoDelay(true);
		this.sockets.add(socket);
		return socket;
	}

	/** Writes the text as the bytes a client would send; also the raw client of TokenRefusalBeforeExchangeTests. */
	static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/**
	 * Sends a request the gateway refuses part-way, reading its answer at the same time: the gateway answers and
	 * closes while the rest is still being sent, and the reset that the unread rest causes could otherwise drop the
	 * answer before the test reads it. The send's own failure (reset, broken pipe) is the expected end of it.
	 */
	private String sendWhileReading(Socket socket, String text) throws Exception {
		Future<String> answer = this.trickler.submit(() -> readResponse(socket));
		try {
			send(socket, text);
		}
		catch (IOException ex) {
			// the gateway closed the connection before the whole request was sent
		}
		return answer.get(30, TimeUnit.SECONDS);
	}

	/** Everything the gateway sends until it closes the connection; a read timeout (30 s) fails the test. */
	private static String readAll(Socket socket) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				received.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the gateway kept the connection open", ex);
		}
		catch (IOException ex) {
			// reset by the gateway: closed all the same
		}
		return received.toString(StandardCharsets.ISO_8859_1);
	}

	/** One response: its head, then as many body bytes as its Content-Length says. */
	private static String readResponse(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed before a whole response head: " + head);
			}
			head.write(b);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		int length = text.lines()
			.filter((line) -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
			.map((line) -> Integer.parseInt(line.substring(15).strip()))
			.findFirst()
			.orElse(0);
		return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
	}

	/** A client sending {@link #SLOW_REQUEST} one byte per tick, until the gateway closes the connection. */
	private static final class Trickle {

		private final Socket socket;

		private volatile int sent;

		private volatile boolean cutOff;

		Trickle(Socket socket) {
			this.socket = socket;
		}

		void sendNextByte() {
			if (this.cutOff || this.sent >= SLOW_REQUEST.length()) {
				return;
			}
			try {
				this.socket.getOutputStream().write(SLOW_REQUEST.charAt(this.sent));
				this.socket.getOutputStream().flush();
				this.sent++;
			}
			catch (IOException ex) {
				this.cutOff = true;
			}
		}

		/** One chunk of a chunked body, never the last. */
		void sendChunk() {
			if (this.cutOff) {
				return;
			}
			try {
				this.socket.getOutputStream().write("1\r\na\r\n".getBytes(StandardCharsets.ISO_8859_1));
				this.socket.getOutputStream().flush();
				this.sent++;
			}
			catch (IOException ex) {
				this.cutOff = true;
			}
		}

		boolean isCutOff() {
			return this.cutOff;
		}

	}

}
