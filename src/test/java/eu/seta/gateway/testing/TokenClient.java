package eu.seta.gateway.testing;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The token API as a client uses it, against one running gateway. */
public final class TokenClient {

	private final WebTestClient client;

	/** Every token this client was given, so that a test can look for them where they must not be. */
	private final List<String> issued = new ArrayList<>();

	public TokenClient(int port) {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	public WebTestClient web() {
		return this.client;
	}

	public List<String> issued() {
		return List.copyOf(this.issued);
	}

	public static Map<String, Object> proof(TestPrincipals.Entry principal, PrivateKey key, String message) {
		return proof(principal.provider(), principal.username(), message, TestKeys.sign(key, message));
	}

	public static Map<String, Object> proof(String provider, String username, String message, String signature) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("provider", provider);
		body.put("rsa_original_message", message);
		body.put("rsa_message_signature", signature);
		return body;
	}

	public WebTestClient.ResponseSpec postToken(Object body) {
		return this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	public TokenPair login(TestPrincipals.Entry principal, PrivateKey key) {
		TokenPair pair = postToken(proof(principal, key, Messages.randomLetters())).expectStatus()
			.isOk()
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
		assertThat(pair).isNotNull();
		return remember(pair);
	}

	public WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.client.post()
			.uri("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshToken)
			.exchange();
	}

	public TokenPair refreshed(String refreshToken) {
		TokenPair pair = refresh(refreshToken).expectStatus()
			.isOk()
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
		assertThat(pair).isNotNull();
		return remember(pair);
	}

	private TokenPair remember(TokenPair pair) {
		this.issued.add(pair.accessToken());
		this.issued.add(pair.refreshToken());
		return pair;
	}

}
