package eu.seta.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Authorization header as the extractor reads it, including forms an HTTP server would already have trimmed
 * (trailing whitespace), since the extractor must not rely on that.
 */
class BearerTokenExtractorTests {

	private final BearerTokenExtractor extractor = new BearerTokenExtractor(4096);

	@Test
	void takesTheTokenAfterOneOrMoreSpacesWithoutTrailingWhitespace() {
		assertThat(extract("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
		assertThat(extract("bearer   abc.def.ghi")).isEqualTo("abc.def.ghi");
		assertThat(extract("Bearer abc.def.ghi \t")).isEqualTo("abc.def.ghi");
	}

	@Test
	void refusesASchemeWithSpacesAndNoToken() {
		for (String value : new String[] { "Bearer ", "Bearer    ", "Bearer \t " }) {
			assertThatThrownBy(() -> extract(value)).as(value)
				.isInstanceOf(BearerRefusal.class)
				.hasMessage(BearerTokenExtractor.MALFORMED_HEADER);
		}
		assertThatThrownBy(() -> extract("Bearerabc")).isInstanceOf(BearerRefusal.class)
			.hasMessage(BearerTokenExtractor.MALFORMED_HEADER);
	}

	/** RFC 6750's token68: base64 and base64url characters, then '=' padding at the end only. */
	@Test
	void token68AllowsPaddingAtTheEndOnly() {
		BearerTokenExtractor.requireToken68("aZ09-._~+/");
		BearerTokenExtractor.requireToken68("abc=");
		BearerTokenExtractor.requireToken68("abc==");
		for (String token : new String[] { "abc=d", "=a", "ab c", "ab\u0080", "ab\u00e9", "ab!", "=", "==" }) {
			assertThatThrownBy(() -> BearerTokenExtractor.requireToken68(token)).as(token)
				.isInstanceOf(RejectedTokenException.class)
				.hasMessage(BearerTokenExtractor.MALFORMED_HEADER);
		}
	}

	@Test
	void leavesOtherSchemesToOthers() {
		assertThat(extract("Basic eDp5")).isNull();
	}

	private String extract(String authorization) {
		return this.extractor.extract(MockServerHttpRequest.get("/x").header(HttpHeaders.AUTHORIZATION, authorization).build());
	}

}
