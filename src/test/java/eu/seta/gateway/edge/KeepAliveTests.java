package eu.seta.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that reuse a keep-alive connection and send the next request the moment a response arrives must be
 * served, whatever the previous answer was. Reactor Netty 1.3.6 and 1.3.7 could stop reading such a connection
 * after an error answer, leaving the next request unanswered until the client gave up (reactor-netty#4361): the
 * pooled-client test below hung in two runs out of three on those versions.
 */
class KeepAliveTests extends GatewayIntegrationTest {

	@Test
	void pooledClientIsAnsweredAfterEveryRefusal() {
		WebTestClient impatient = this.client.mutate().responseTimeout(Duration.ofSeconds(3)).build();
		for (int i = 0; i < 100; i++) {
			TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
			TokenPair second = refreshed(first.refreshToken());
			expectRefused(impatient, first.refreshToken());
			expectRefused(impatient, second.refreshToken());
		}
	}

	@Test
	void rawClientSendingBackToBackOnOneConnectionIsAnswered() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5_000);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 300; i++) {
				send(out, "POST /authentication/v1/token/refresh HTTP/1.1\r\nHost: localhost\r\n"
						+ "Authorization: Bearer seta_rt_unknown\r\nContent-Length: 0\r\n\r\n");
				assertThat(readResponse(in)).as("refresh %d", i).startsWith("HTTP/1.1 401");
				String body = "{\"username\":";
				send(out, "POST /authentication/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length() + "\r\n\r\n" + body);
				assertThat(readResponse(in)).as("token %d", i).startsWith("HTTP/1.1 400");
			}
		}
	}

	private static void expectRefused(WebTestClient client, String refreshToken) {
		client.post()
			.uri("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshToken)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private static void send(OutputStream out, String request) throws IOException {
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** Reads one response with a Content-Length body; a read timeout fails the test. */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed by the gateway");
			}
			head.write(b);
		}
		String headers = head.toString(StandardCharsets.US_ASCII);
		int length = 0;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		in.readNBytes(length);
		return headers;
	}

}
