package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.ForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend-header pass on its own, without Spring Cloud Gateway's forwarding filters in front of it (over HTTP
 * they remove a client's forwarding headers too, see {@code BackendHeadersTests}): what this class removes and adds
 * must not depend on them.
 */
class BackendRequestHeadersTests {

	private final BackendRequestHeaders noProxyTrusted = headers("X-Seta-", List.of());

	@Test
	void runsAfterSpringCloudGatewaysForwardingFilters() {
		assertThat(this.noProxyTrusted.getOrder()).isGreaterThan(new ForwardedHeadersFilter().getOrder())
			.isGreaterThan(new XForwardedHeadersFilter().getOrder());
	}

	@Test
	void removesWhatAnUntrustedClientCouldLieWithAndKeepsTheRest() {
		MockServerWebExchange exchange = exchange("198.51.100.7");
		HttpHeaders input = new HttpHeaders();
		input.add("Forwarded", "for=203.0.113.9");
		input.add("X-Forwarded-Host", "evil.example");
		input.add("X-Real-IP", "203.0.113.9");
		input.add("X_Seta_Role", "Administrator");
		input.add("x-seta-user-id", "u-bob");
		input.add("Accept", "application/json");
		input.add("Fancy", "kept");
		input.add("Xylophone", "kept");
		HttpHeaders output = this.noProxyTrusted.filter(input, exchange);
		assertThat(output.getFirst("Accept")).isEqualTo("application/json");
		assertThat(output.getFirst("Fancy")).isEqualTo("kept");
		assertThat(output.getFirst("Xylophone")).isEqualTo("kept");
		assertThat(output.containsHeader("X_Seta_Role")).isFalse();
		assertThat(output.containsHeader("X-Seta-User-Id")).isFalse();
		assertThat(output.containsHeader("X-Real-IP")).isFalse();
		// the gateway's own element alone, with the host of the request's URI, as X-Forwarded-Host
		assertThat(output.get("Forwarded")).containsExactly("proto=http;host=gw.example.org;for=\"198.51.100.7:40000\"");
		assertThat(output.get("X-Forwarded-Host")).containsExactly("gw.example.org");
		assertThat(output.get("X-Forwarded-For")).containsExactly("198.51.100.7");
	}

	/**
	 * A trusted proxy's forwarding headers reach the backend extended by the gateway's hop, whatever their spelling;
	 * its identity headers are removed as anyone's are.
	 */
	@Test
	void keepsAndExtendsATrustedProxysForwardingHeadersButNotItsIdentityHeaders() {
		BackendRequestHeaders behindProxy = headers("X-Seta-", List.of("10.0.0.0/8"));
		HttpHeaders input = new HttpHeaders();
		input.add("X-Forwarded-For", "203.0.113.9");
		input.add("X-Forwarded-Proto", "https");
		input.add("Forwarded", "for=203.0.113.9;proto=https");
		input.add("X_Real_IP", "203.0.113.9");
		input.add("X-Seta-Role", "Administrator");
		input.add("x_seta_user_id", "u-bob");
		input.add("Accept", "application/json");
		HttpHeaders output = behindProxy.filter(input, exchange("10.1.2.3"));
		assertThat(output.get("X-Forwarded-For")).containsExactly("203.0.113.9,10.1.2.3");
		assertThat(output.get("X-Forwarded-Proto")).containsExactly("https,http");
		assertThat(output.get("Forwarded")).containsExactly("for=203.0.113.9;proto=https",
				"proto=http;host=gw.example.org;for=\"10.1.2.3:40000\"");
		assertThat(output.get("X_Real_IP")).containsExactly("203.0.113.9");
		assertThat(output.getFirst("Accept")).isEqualTo("application/json");
		assertThat(output.containsHeader("X-Seta-Role")).isFalse();
		assertThat(output.containsHeader("x_seta_user_id")).isFalse();
		// the same headers from an address outside the range: none of them is believed
		HttpHeaders untrusted = behindProxy.filter(HttpHeaders.copyOf(input), exchange("11.1.2.3"));
		assertThat(untrusted.get("X-Forwarded-For")).containsExactly("11.1.2.3");
		assertThat(untrusted.get("Forwarded")).containsExactly("proto=http;host=gw.example.org;for=\"11.1.2.3:40000\"");
		assertThat(untrusted.containsHeader("X_Real_IP")).isFalse();
	}

	/** The prefix is a setting: one that starts with neither x nor f is stripped just the same. */
	@Test
	void removesAClientsIdentityHeadersUnderAnyConfiguredPrefix() {
		BackendRequestHeaders ownPrefix = headers("Seta-", List.of());
		HttpHeaders input = new HttpHeaders();
		input.add("Seta-Role", "Administrator");
		input.add("seta_user_id", "u-bob");
		input.add("Setting", "kept");
		HttpHeaders output = ownPrefix.filter(input, exchange("198.51.100.7"));
		assertThat(output.containsHeader("Seta-Role")).isFalse();
		assertThat(output.containsHeader("seta_user_id")).isFalse();
		assertThat(output.getFirst("Setting")).isEqualTo("kept");
	}

	@Test
	void anExplicitDefaultPortIsLeftOutOfTheForwardedHost() {
		HttpHeaders output = this.noProxyTrusted.filter(new HttpHeaders(),
				MockServerWebExchange.from(MockServerHttpRequest.get("http://gw.example.org:80/x")
					.remoteAddress(new InetSocketAddress("198.51.100.7", 40000))));
		assertThat(output.get("X-Forwarded-Host")).containsExactly("gw.example.org");
		assertThat(output.get("X-Forwarded-Port")).containsExactly("80");
		HttpHeaders other = this.noProxyTrusted.filter(new HttpHeaders(),
				MockServerWebExchange.from(MockServerHttpRequest.get("http://gw.example.org:8443/x")
					.remoteAddress(new InetSocketAddress("198.51.100.7", 40000))));
		assertThat(other.get("X-Forwarded-Host")).containsExactly("gw.example.org:8443");
		// 443 is the default of https only
		assertThat(forwardedHost("https://gw.example.org:443/x")).containsExactly("gw.example.org");
		assertThat(forwardedHost("http://gw.example.org:443/x")).containsExactly("gw.example.org:443");
		assertThat(forwardedHost("https://gw.example.org:80/x")).containsExactly("gw.example.org:80");
	}

	/** Only a path a route really shortened is a prefix: an unchanged path, after a trailing slash too, is none. */
	@Test
	void forwardsAPrefixOnlyWhenARouteShortenedThePath() {
		assertThat(prefixFor("http://gw.example.org/svc/a/", "http://backend:8081/a")).containsExactly("/svc");
		assertThat(prefixFor("http://gw.example.org/svc/a", "http://backend:8081/a/")).containsExactly("/svc");
		assertThat(prefixFor("http://gw.example.org/a/", "http://backend:8081/a")).isNull();
		assertThat(prefixFor("http://gw.example.org/a", "http://backend:8081/a")).isNull();
		assertThat(prefixFor("http://gw.example.org/other/b", "http://backend:8081/a")).isNull();
	}

	private List<String> forwardedHost(String url) {
		return this.noProxyTrusted.filter(new HttpHeaders(), MockServerWebExchange.from(MockServerHttpRequest.get(url)
			.remoteAddress(new InetSocketAddress("198.51.100.7", 40000)))).get("X-Forwarded-Host");
	}

	private List<String> prefixFor(String original, String routed) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(original)
			.remoteAddress(new InetSocketAddress("198.51.100.7", 40000)));
		exchange.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR, new LinkedHashSet<>(List.of(URI.create(original))));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, URI.create(routed));
		return this.noProxyTrusted.filter(new HttpHeaders(), exchange).get("X-Forwarded-Prefix");
	}

	/** A writable input (what the forwarding filters hand over) is changed in place; the request's own is copied. */
	@Test
	void changesAWritableInputInPlaceAndCopiesAReadOnlyOne() {
		HttpHeaders writable = new HttpHeaders();
		writable.add("X-Seta-Role", "Administrator");
		assertThat(this.noProxyTrusted.filter(writable, exchange("198.51.100.7"))).isSameAs(writable);
		HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(writable);
		HttpHeaders output = this.noProxyTrusted.filter(readOnly, exchange("198.51.100.7"));
		assertThat(output).isNotSameAs(readOnly);
		assertThat(output.containsHeader("X-Seta-Role")).isFalse();
	}

	private static MockServerWebExchange exchange(String peer) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("http://gw.example.org/seta-search/x")
			.remoteAddress(new InetSocketAddress(peer, 40000)));
	}

	private static BackendRequestHeaders headers(String prefix, List<String> trusted) {
		EdgeProperties properties = new EdgeProperties(prefix, trusted, Duration.ofSeconds(30), 4096, 16384, 100,
				new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30));
		return new BackendRequestHeaders(properties, new TrustedProxies(properties));
	}

}
