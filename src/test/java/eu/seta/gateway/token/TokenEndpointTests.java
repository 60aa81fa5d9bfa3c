package eu.seta.gateway.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.Race;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.APP;
import static eu.seta.gateway.testing.StandardPrincipals.APP_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.CAROL_DISABLED;
import static eu.seta.gateway.testing.StandardPrincipals.CAROL_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.DAVE_NO_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_1;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_2;
import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointTests extends GatewayIntegrationTest {

	@Test
	void openSshKeyObtainsTokenPairWithNoStore() {
		String message = Messages.randomLetters();
		postToken(proof(ALICE, ALICE_KEY.getPrivate(), message)).expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.token_type")
			.isEqualTo("Bearer")
			.jsonPath("$.expires_in")
			.isEqualTo(3600)
			.jsonPath("$.refresh_expires_in")
			.isEqualTo(86400)
			.jsonPath("$.access_token")
			.isNotEmpty()
			.jsonPath("$.refresh_token")
			.isNotEmpty();
	}

	@Test
	void accessTokenCarriesSetaClaims() {
		long before = this.clock.instant().getEpochSecond();
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		JsonNode header = Jwts.header(pair.accessToken());
		assertThat(header.get("alg").stringValue()).isEqualTo("RS256");
		assertThat(header.get("typ").stringValue()).isEqualTo("at+jwt");
		assertThat(header.get("kid").stringValue()).isNotBlank();
		JsonNode claims = Jwts.claims(pair.accessToken());
		assertThat(claims.get("sub").stringValue()).isEqualTo("u-alice");
		assertThat(claims.get("seta_id").get("user_id").stringValue()).isEqualTo("u-alice");
		assertThat(claims.get("seta_id").get("provider").stringValue()).isEqualTo("github");
		assertThat(claims.get("seta_id").get("provider_uid").stringValue()).isEqualTo("alice");
		assertThat(claims.get("iss").stringValue()).isEqualTo("http://localhost:8080");
		assertThat(claims.get("aud").isString() ? claims.get("aud").stringValue()
				: claims.get("aud").get(0).stringValue()).isEqualTo("seta-api");
		assertThat(claims.get("role").stringValue()).isEqualTo("User");
		assertThat(claims.get("user_type").stringValue()).isEqualTo("user");
		assertThat(claims.get("fresh").booleanValue()).isTrue();
		assertThat(claims.get("type").stringValue()).isEqualTo("access");
		assertThat(claims.get("jti").stringValue()).isNotBlank();
		assertThat(claims.get("iat").isIntegralNumber()).isTrue();
		assertThat(claims.get("nbf").longValue()).isEqualTo(claims.get("iat").longValue());
		assertThat(claims.get("iat").longValue()).isEqualTo(before);
		assertThat(claims.get("exp").longValue()).isEqualTo(before + 3600);
		assertThat(pair.refreshToken()).startsWith("seta_rt_").doesNotContain(".");
	}

	@Test
	void pemKeyAndMixedCaseLoginObtainTokens() {
		String message = Messages.randomLetters();
		TokenPair pair = postToken(proof("ECAS", "BOB.SMITH", message, TestKeys.sign(BOB_KEY.getPrivate(), message)))
			.expectStatus()
			.isOk()
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
		assertThat(Jwts.claims(pair.accessToken()).get("role").stringValue()).isEqualTo("Administrator");
	}

	@Test
	void upperCaseHexSignatureIsAccepted() {
		String message = Messages.randomLetters();
		String signature = TestKeys.sign(ALICE_KEY.getPrivate(), message).toUpperCase(Locale.ROOT);
		postToken(proof(ALICE.provider(), ALICE.username(), message, signature)).expectStatus().isOk();
	}

	@Test
	void anyOfSeveralKeysMaySign() {
		login(ERIN, ERIN_KEY_1.getPrivate());
		login(ERIN, ERIN_KEY_2.getPrivate());
	}

	@Test
	void applicationLogsInWithProviderSetaAndActsForItsOwner() {
		JsonNode claims = Jwts.claims(login(APP, APP_KEY.getPrivate()).accessToken());
		assertThat(claims.get("sub").stringValue()).isEqualTo("app-search-bot");
		assertThat(claims.get("user_type").stringValue()).isEqualTo("application");
		assertThat(claims.get("owner").stringValue()).isEqualTo("u-alice");
		assertThat(claims.get("seta_id").get("provider").stringValue()).isEqualTo("seta");
	}

	@Test
	void bodyWithoutContentTypeIsAccepted() {
		String message = Messages.randomLetters();
		String json = "{\"username\":\"alice\",\"provider\":\"github\",\"rsa_original_message\":\"" + message
				+ "\",\"rsa_message_signature\":\"" + TestKeys.sign(ALICE_KEY.getPrivate(), message) + "\"}";
		this.client.post()
			.uri("/authentication/v1/token")
			.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(json.getBytes(StandardCharsets.UTF_8))),
					org.springframework.core.io.buffer.DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void jsonWithCharsetIsAccepted() {
		String message = Messages.randomLetters();
		this.client.post()
			.uri("/authentication/v1/token")
			.header(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
			.bodyValue(proof(ALICE, ALICE_KEY.getPrivate(), message))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
	void otherContentTypesGet415(String contentType) {
		this.client.post()
			.uri("/authentication/v1/token")
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request")
			.jsonPath("$.message")
			.isEqualTo("Unsupported content type; send application/json.");
	}

	@Test
	void bodyOver16KibGets413() {
		String message = "a".repeat(17 * 1024);
		postToken(proof("github", "alice", message, "00")).expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request")
			.jsonPath("$.message")
			.isEqualTo("The request body exceeds 16384 bytes.");
	}

	@Test
	void streamedBodyOver16KibWithoutLengthGets413() {
		byte[] chunk = "{\"username\":\"".concat("a".repeat(4000)).getBytes(StandardCharsets.UTF_8);
		Flux<org.springframework.core.io.buffer.DataBuffer> chunks = Flux.range(0, 8)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
		this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, org.springframework.core.io.buffer.DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
	}

	@Test
	void messageOf4096CharactersIsAcceptedAnd4097Refused() {
		String longest = "é".repeat(4096);
		postToken(proof(ALICE, ALICE_KEY.getPrivate(), longest)).expectStatus().isOk();
		String tooLong = "é".repeat(4097);
		expectInvalidRequest(proof(ALICE, ALICE_KEY.getPrivate(), tooLong),
				"rsa_original_message must be at most 4096 characters.");
	}

	@Test
	void missingEmptyAndNonStringFieldsAreNamed() {
		for (String field : List.of("username", "provider", "rsa_original_message", "rsa_message_signature")) {
			Map<String, Object> missing = proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
			missing.remove(field);
			expectInvalidRequest(missing, field + " is required.");
			Map<String, Object> empty = proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
			empty.put(field, "");
			expectInvalidRequest(empty, field + " must not be empty.");
			Map<String, Object> number = proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
			number.put(field, 42);
			expectInvalidRequest(number, field + " must be a string.");
		}
	}

	@Test
	void signatureThatIsNotEvenLengthHexIsRefused() {
		String message = Messages.randomLetters();
		String signature = TestKeys.sign(ALICE_KEY.getPrivate(), message);
		expectInvalidRequest(proof("github", "alice", message, signature.substring(1)),
				"rsa_message_signature must have an even number of hex digits.");
		expectInvalidRequest(proof("github", "alice", message, "zz" + signature.substring(2)),
				"rsa_message_signature must be hexadecimal (0-9, a-f, A-F).");
		expectInvalidRequest(proof("github", "alice", message, "0x" + signature.substring(2)),
				"rsa_message_signature must be hexadecimal (0-9, a-f, A-F).");
	}

	@Test
	void signatureLongerThanAnyAcceptedKeyIsRefused() {
		String message = Messages.randomLetters();
		expectInvalidRequest(proof("github", "alice", message, "ab".repeat(1025)),
				"rsa_message_signature is longer than any accepted key.");
		// 1024 bytes fit an 8192-bit key: for alice's 2048-bit key it is merely wrong
		postToken(proof("github", "alice", message, "ab".repeat(1024))).expectStatus().isUnauthorized();
	}

	@Test
	void malformedJsonIsRefusedWithoutLibraryText() {
		for (String body : List.of("{\"username\": ", "[1,2]", "\"text\"", "{\"username\":\"a\",\"username\":\"b\"}",
				"nul", "{} trailing")) {
			String text = this.client.post()
				.uri("/authentication/v1/token")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(text).as(body).matches("\\{\"error\":\"invalid_request\",\"message\":\"[^\"]+\"}");
			assertThat(text).doesNotContain("Exception", "jackson", "at [Source");
		}
	}

	@Test
	void emptyBodyIsRefused() {
		this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("The request body must be a JSON object.");
	}

	@Test
	void unknownDisabledKeylessAndWrongSignatureGetTheSameAnswer() {
		String message = Messages.randomLetters();
		List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
		// unknown principal
		answers.add(refusal(proof("github", "nobody-" + message, message, TestKeys.sign(ALICE_KEY.getPrivate(), message))));
		// unknown provider for a known username
		answers.add(refusal(proof("gitlab", "alice", message, TestKeys.sign(ALICE_KEY.getPrivate(), message))));
		// disabled principal with its own valid signature
		answers.add(refusal(proof(CAROL_DISABLED, CAROL_KEY.getPrivate(), message)));
		// principal without key
		answers.add(refusal(proof(DAVE_NO_KEY, ALICE_KEY.getPrivate(), message)));
		// wrong key
		answers.add(refusal(proof(ALICE, BOB_KEY.getPrivate(), message)));
		// signature over another message
		answers.add(refusal(proof("github", "alice", message, TestKeys.sign(ALICE_KEY.getPrivate(), message + "x"))));
		// longer than the principal's key, shorter than the longest accepted: as wrong as any other, for anyone
		answers.add(refusal(proof("github", "alice", message, "00" + TestKeys.sign(ALICE_KEY.getPrivate(), message))));
		answers.add(refusal(proof("github", "nobody-" + message, message, "00".repeat(384))));
		// one flipped bit
		byte[] flipped = HexFormat.of().parseHex(TestKeys.sign(ALICE_KEY.getPrivate(), message));
		flipped[100] ^= 1;
		answers.add(refusal(proof("github", "alice", message, HexFormat.of().formatHex(flipped))));
		EntityExchangeResult<byte[]> first = answers.get(0);
		assertThat(new String(first.getResponseBody(), StandardCharsets.UTF_8))
			.isEqualTo("{\"error\":\"invalid_grant\",\"message\":\"Invalid user or signature.\"}");
		for (EntityExchangeResult<byte[]> answer : answers) {
			assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(answer.getResponseBody()).isEqualTo(first.getResponseBody());
			assertThat(answer.getResponseHeaders().toSingleValueMap())
				.isEqualTo(first.getResponseHeaders().toSingleValueMap());
		}
	}

	@Test
	void replayedProofGetsTheSameAnswerAsAWrongSignature() {
		String message = Messages.randomLetters();
		Map<String, Object> body = proof(ALICE, ALICE_KEY.getPrivate(), message);
		postToken(body).expectStatus().isOk();
		EntityExchangeResult<byte[]> replay = refusal(body);
		EntityExchangeResult<byte[]> wrong = refusal(proof(ALICE, BOB_KEY.getPrivate(), message));
		assertThat(replay.getResponseBody()).isEqualTo(wrong.getResponseBody());
		assertThat(replay.getResponseHeaders().toSingleValueMap())
			.isEqualTo(wrong.getResponseHeaders().toSingleValueMap());
	}

	@Test
	void sameMessageSignedByTwoPrincipalsIsNoReplay() {
		String message = Messages.randomLetters();
		postToken(proof(ALICE, ALICE_KEY.getPrivate(), message)).expectStatus().isOk();
		postToken(proof(ERIN, ERIN_KEY_1.getPrivate(), message)).expectStatus().isOk();
	}

	@Test
	void racingReplaysOfOneProofYieldOneToken() throws Exception {
		Map<String, Object> body = proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
		List<Integer> statuses = Race.of(20, () -> postToken(body).returnResult(Void.class).getStatus().value());
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(19);
	}

	@Test
	void wrongMethodGets405AsJson() {
		this.client.get()
			.uri("/authentication/v1/token")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("method_not_allowed");
	}

	private EntityExchangeResult<byte[]> refusal(Map<String, Object> body) {
		return postToken(body).expectStatus().isUnauthorized().expectBody().returnResult();
	}

	private void expectInvalidRequest(Map<String, Object> body, String message) {
		postToken(body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request")
			.jsonPath("$.message")
			.isEqualTo(message);
	}

}
