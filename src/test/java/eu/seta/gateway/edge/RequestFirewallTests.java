package eu.seta.gateway.edge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path firewall's rules one by one, at their edges: each refused form next to the nearest form that passes, so
 * that a rule drawn one character too wide or too narrow fails here. The same requests over HTTP, with the
 * answer's body, are in {@code BearerAttackTests}.
 */
class RequestFirewallTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/seta-search/api/v1/corpus", "/.well-known/jwks.json", "/a/.b", "/a/..b", "/a/b.",
			"/a/b..", "/...", "/a~b", "/a!b", "/a b", "/a%41", "/a%2A", "/a%5D", "/a%3A", "/a%2", "/a%",
			"/a/", "/a%E2%80%A7", "/a%E2%82%AC", "/a%E2%80", "/a%7E", "/a%20b" })
	void acceptsPathsThatEveryParserReadsAlike(String path) {
		assertThat(RequestFirewall.acceptsPath(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a\u001fb", "/a\u007fb", "/a\u00e9b", "/a\u0000b", "/a\\b", "/a;b", "/a;jsessionid=1",
			"//a", "/a//b", "/a//", "/.", "/./a", "/a/.", "/a/./b", "/..", "/../a", "/a/..", "/a/../b", ".", "..",
			"/a%2eb", "/a%2Eb", "/a%2fb", "/a%2Fb", "/a%5cb", "/a%5Cb", "/a%25b", "/a%00b", "/a%3bb", "/a%3Bb",
			"/a%2E", "/a%2F", "/a%0Ab", "/a%0ab", "/a%0Db", "/a%0d", "/a%09", "/a%1F", "/a%7F", "/a%7f",
			"/a%E2%80%A8", "/a%e2%80%a9b" })
	void refusesPathsThatParsersCouldReadDifferently(String path) {
		assertThat(RequestFirewall.acceptsPath(path)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" })
	void acceptsTheUsualMethods(String method) {
		assertThat(RequestFirewall.accepts(MockServerHttpRequest.method(HttpMethod.valueOf(method), "/a").build()))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRACE", "CONNECT", "PROPFIND", "FOO" })
	void refusesEveryOtherMethod(String method) {
		assertThat(RequestFirewall.accepts(MockServerHttpRequest.method(HttpMethod.valueOf(method), "/a").build()))
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a;b", "/a/../b" })
	void refusesABadPathWhateverTheMethod(String path) {
		assertThat(RequestFirewall.accepts(MockServerHttpRequest.get(path).build())).isFalse();
	}

}
