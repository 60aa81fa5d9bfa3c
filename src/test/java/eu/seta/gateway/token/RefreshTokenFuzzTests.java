package eu.seta.gateway.token;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.testing.Fuzzing;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refresh or revocation call's {@code Authorization} header (one per input line) through the bearer credentials
 * reader and the refresh-token parser. Contract: the header is refused with 401 {@code invalid_request} and nothing
 * else; a parsed token is the canonical text of its 57 bytes (so two different strings are never one token); and
 * only the issued token itself names the issued session with the issued hash, which is what the session store
 * compares: no other text can rotate or revoke that session.
 */
class RefreshTokenFuzzTests {

	/** The seeds hold this token: version 1, then tag, session id and secret bytes 0x00 to 0x37. */
	static final String ISSUED = RefreshTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(issued());

	private static final RefreshTokens.Presented ISSUED_PRESENTED = RefreshTokens.parse(ISSUED).orElseThrow();

	@FuzzTest(maxDuration = "10m")
	void refreshAuthorization(byte[] input) {
		List<String> headers = Fuzzing.text(input).lines().toList();
		MockServerHttpRequest request = MockServerHttpRequest.post("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, headers.toArray(String[]::new))
			.build();
		Fuzzing.Outcome<Optional<String>> read = Fuzzing.run(() -> BearerCredentials.find(request))
			.withinBoundsFor(input.length);
		if (!read.accepted()) {
			ApiException refusal = read.refusedWith(ApiException.class);
			assertThat(refusal.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(refusal.error()).isEqualTo(ErrorCodes.INVALID_REQUEST);
			return;
		}
		if (read.value().isEmpty()) {
			assertThat(headers).isEmpty();
			return;
		}
		String token = read.value().get();
		assertThat(headers).hasSize(1);
		Fuzzing.Outcome<Optional<RefreshTokens.Presented>> parsed = Fuzzing.run(() -> {
			RefreshTokens.looksLikeJwt(token);
			return RefreshTokens.parse(token);
		}).withinBoundsFor(input.length);
		assertThat(parsed.accepted()).as("parse never throws: %s", parsed.failure()).isTrue();
		if (parsed.value().isEmpty()) {
			return;
		}
		RefreshTokens.Presented presented = parsed.value().get();
		byte[] bytes = Base64.getUrlDecoder().decode(token.substring(RefreshTokens.PREFIX.length()));
		assertThat(bytes).hasSize(57);
		assertThat(bytes[0]).isEqualTo((byte) 1);
		assertThat(RefreshTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
			.as("canonical").isEqualTo(token);
		if (presented.key().equals(ISSUED_PRESENTED.key()) && presented.hash().equals(ISSUED_PRESENTED.hash())) {
			assertThat(token).isEqualTo(ISSUED);
		}
	}

	private static byte[] issued() {
		byte[] bytes = new byte[57];
		bytes[0] = 1;
		for (int i = 1; i < bytes.length; i++) {
			bytes[i] = (byte) (i - 1);
		}
		return bytes;
	}

}
