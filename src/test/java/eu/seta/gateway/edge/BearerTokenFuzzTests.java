package eu.seta.gateway.edge;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.seta.gateway.testing.Fuzzing;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer-token extractor on whatever a client puts in its {@code Authorization} headers and query. The input is
 * text: a first line starting with {@code ?} is the query, every further line one {@code Authorization} header.
 * Contract: no header or another scheme reads as no token; a token read is the header's credentials, within the
 * length limit; a refusal is a {@link BearerRefusal} with 400 {@code invalid_request} or 401 {@code invalid_token}
 * and one of the extractor's fixed sentences, never the token; and RFC 6750's token68 check agrees with the RFC's
 * grammar as a regular expression.
 */
class BearerTokenFuzzTests {

	private static final int MAX_TOKEN_LENGTH = 4096;

	private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final Set<String> SENTENCES = Set.of(BearerTokenExtractor.MALFORMED_HEADER,
			BearerTokenExtractor.TOO_LONG, "Send one Authorization header.",
			"Send the access token in the Authorization header, not in the URL.");

	private final BearerTokenExtractor extractor = new BearerTokenExtractor(MAX_TOKEN_LENGTH);

	@FuzzTest(maxDuration = "10m")
	void authorizationHeader(byte[] input) {
		List<String> lines = Fuzzing.text(input).lines().toList();
		String query = (!lines.isEmpty() && lines.get(0).startsWith("?")) ? lines.get(0) : "";
		List<String> headers = query.isEmpty() ? lines : lines.subList(1, lines.size());
		MockServerHttpRequest request;
		try {
			request = MockServerHttpRequest.get("/seta-search/q" + query)
				.header(HttpHeaders.AUTHORIZATION, headers.toArray(String[]::new))
				.build();
		}
		catch (IllegalArgumentException ex) {
			return; // a query no URI can hold never reaches the gateway: Netty refuses the request line
		}
		Fuzzing.Outcome<String> outcome = Fuzzing.run(() -> this.extractor.extract(request))
			.withinBoundsFor(input.length);
		if (!outcome.accepted()) {
			assertRefusal(outcome.refusedWith(BearerRefusal.class));
			return;
		}
		String token = outcome.value();
		if (token == null) {
			assertThat(headers.size() == 1 && headers.get(0).regionMatches(true, 0, "Bearer", 0, 6)).isFalse();
			return;
		}
		assertThat(headers).hasSize(1);
		String header = headers.get(0);
		assertThat(header.regionMatches(true, 0, "Bearer ", 0, 7)).isTrue();
		assertThat(header.substring(7).strip()).isEqualTo(token.strip());
		assertThat(token).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_TOKEN_LENGTH);
		assertThat(token.charAt(0)).isNotEqualTo(' ');
		assertThat(Character.isWhitespace(token.charAt(token.length() - 1))).isFalse();

		Fuzzing.Outcome<Object> syntax = Fuzzing.run(() -> {
			BearerTokenExtractor.requireToken68(token);
			return token;
		});
		assertThat(syntax.accepted()).as("token68 check of %s", token).isEqualTo(TOKEN68.matcher(token).matches());
		if (!syntax.accepted()) {
			assertRefusal(syntax.refusedWith(BearerRefusal.class));
		}
	}

	private static void assertRefusal(BearerRefusal refusal) {
		boolean malformedRequest = refusal.status() == HttpStatus.BAD_REQUEST
				&& "invalid_request".equals(refusal.errorCode());
		boolean invalidToken = refusal.status() == HttpStatus.UNAUTHORIZED && "invalid_token".equals(refusal.errorCode());
		assertThat(malformedRequest || invalidToken).as("status and code of %s", refusal).isTrue();
		assertThat(SENTENCES).contains(refusal.getMessage());
	}

}
