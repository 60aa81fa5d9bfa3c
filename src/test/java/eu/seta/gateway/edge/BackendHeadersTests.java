package eu.seta.gateway.edge;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every header a backend receives, as docs/edge.md lists them, for a client no proxy vouches for: its own headers
 * minus the ones it could lie with, the verified identity, and the gateway's forwarding headers.
 */
class BackendHeadersTests extends GatewayIntegrationTest {

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
	}

	@Test
	void aClientSentXRealIpNeverReachesABackend() {
		this.client.get()
			.uri("/seta-ui/index.html")
			.header("X-Real-IP", "203.0.113.9")
			.header("x_real_ip", "203.0.113.10")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(normalizedNames(onlyRequest())).doesNotContain("x-real-ip");
	}

	@Test
	void backendsReceiveExactlyTheDocumentedHeaders() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.header("X-Request-Id", "r-1")
			.header("X-Forwarded-For", "203.0.113.9")
			.header("X-Forwarded-Host", "evil.example")
			.header("Forwarded", "for=203.0.113.9")
			.header("X-Real-IP", "203.0.113.9")
			.header("X-Seta-Role", "Administrator")
			.header("Proxy-Authorization", "Basic eDp5")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"term\":\"x\"}")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = onlyRequest();
		// the client's own headers (WebTestClient sends the first five) ...
		Set<String> expected = new TreeSet<>(Set.of("accept", "accept-encoding", "user-agent",
				"webtestclient-request-id", "host", "content-type", "content-length", "x-request-id", "authorization"));
		// ... the verified identity ...
		expected.addAll(Set.of("x-seta-user-id", "x-seta-provider", "x-seta-username", "x-seta-role",
				"x-seta-user-type", "x-seta-token-id"));
		// ... and the gateway's forwarding headers, from the TCP peer alone since no proxy is trusted
		expected.addAll(Set.of("forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
				"x-forwarded-port"));
		assertThat(normalizedNames(seen)).isEqualTo(expected);
		assertThat(seen.getHeader("Host")).isEqualTo("localhost:" + BACKEND.port());
		assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(seen.getHeader("X-Forwarded-Host")).isEqualTo("localhost:" + this.port);
		assertThat(seen.getHeader("X-Forwarded-Port")).isEqualTo(Integer.toString(this.port));
		assertThat(seen.getHeader("Forwarded"))
			.matches("proto=http;host=\"localhost:" + this.port + "\";for=\"127\\.0\\.0\\.1:\\d+\"");
		assertThat(seen.getHeader("X-Seta-Role")).isEqualTo("User");
		assertThat(seen.getHeader("X-Request-Id")).isEqualTo("r-1");
	}

	@Test
	void hopByHopHeadersStopAtTheGatewayInBothDirections() {
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Keep-Alive", "timeout=5")
			.withHeader("Proxy-Authenticate", "Basic realm=backend")
			.withHeader("X-Application-Context", "search:8080")
			.withHeader("Upgrade", "example/1")
			.withHeader("Trailer", "X-Checksum")
			.withHeader("X-Backend-Kept", "yes")
			.withBody("{}")));
		var answer = this.client.get()
			.uri("/seta-ui/index.html")
			.header("Connection", "X-Hop-Option")
			.header("X-Hop-Option", "only for the first hop")
			.header("Keep-Alive", "timeout=5")
			.header("TE", "trailers")
			.header("Trailer", "X-Checksum")
			.header("Upgrade", "example/1")
			.header("Proxy-Authorization", "Basic eDp5")
			.header("X-Application-Context", "client")
			.header("Proxy-Connection", "keep-alive")
			.header("X-Client-Kept", "yes")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class);
		LoggedRequest seen = onlyRequest();
		assertThat(normalizedNames(seen)).contains("x-client-kept")
			.doesNotContain("x-hop-option", "keep-alive", "te", "trailer", "upgrade", "proxy-authorization",
					"x-application-context", "proxy-connection");
		assertThat(seen.getHeader("Connection")).isNotEqualToIgnoringCase("X-Hop-Option");
		HttpHeaders received = answer.getResponseHeaders();
		assertThat(received.getFirst("X-Backend-Kept")).isEqualTo("yes");
		// (a Transfer-Encoding the client may see is the gateway's own framing of its own connection)
		assertThat(received.headerNames()).map((name) -> name.toLowerCase(Locale.ROOT))
			.doesNotContain("keep-alive", "proxy-authenticate", "x-application-context", "upgrade", "trailer");
	}

	@Test
	void springCloudGatewaysCopyingHeaderFiltersAreReplacedByTheEdgesOwnPass() {
		assertThat(this.context.getBeansOfType(HttpHeadersFilter.class).values())
			.extracting((filter) -> filter.getClass().getSimpleName())
			.contains("BackendRequestHeaders", "BackendResponseHeaders")
			.doesNotContain("RemoveHopByHopHeadersFilter", "RemoveForwardedHeadersFilter",
					"RemoveXForwardedHeadersFilter", "GRPCRequestHeadersFilter", "GRPCResponseHeadersFilter");
	}

	/** A Host without a port is the scheme's default port: the forwarding headers say 80, and no port in the host. */
	@Test
	void aHostWithoutAPortIsForwardedAsTheDefaultPort() {
		this.client.get()
			.uri("/seta-ui/index.html")
			.header(HttpHeaders.HOST, "seta.example.org")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = onlyRequest();
		assertThat(seen.getHeader("X-Forwarded-Port")).isEqualTo("80");
		assertThat(seen.getHeader("X-Forwarded-Host")).isEqualTo("seta.example.org");
		assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(seen.getHeader("Forwarded")).matches("proto=http;host=seta\\.example\\.org;for=\"127\\.0\\.0\\.1:\\d+\"");
	}

	/**
	 * The host in {@code Forwarded} is the one the request's URI holds, never the Host header's text: a client's Host
	 * cannot end that parameter and add a {@code for=} (or a whole element) a backend would take as its address.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "x;for=203.0.113.9", "x,for=203.0.113.9", "x\";for=\"203.0.113.9", "x;proto=https" })
	void aClientsHostCannotWriteParametersIntoForwarded(String host) {
		this.client.get()
			.uri("/seta-ui/index.html")
			.header(HttpHeaders.HOST, host)
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = onlyRequest();
		assertThat(seen.getHeader("Forwarded")).as(host).matches("proto=http;for=\"127\\.0\\.0\\.1:\\d+\"");
		assertThat(seen.getHeader("X-Forwarded-For")).as(host).isEqualTo("127.0.0.1");
		assertThat(seen.getHeader("X-Forwarded-Proto")).as(host).isEqualTo("http");
		assertThat(normalizedNames(seen)).as(host).doesNotContain("x-forwarded-host");
	}

	private static Set<String> normalizedNames(LoggedRequest request) {
		Set<String> names = new TreeSet<>();
		request.getAllHeaderKeys().forEach((name) -> names.add(name.toLowerCase(Locale.ROOT).replace('_', '-')));
		return names;
	}

	private static LoggedRequest onlyRequest() {
		var requests = BACKEND.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
