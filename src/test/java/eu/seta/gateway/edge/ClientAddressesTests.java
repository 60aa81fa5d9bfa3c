package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private final ClientAddresses behindIngress = addresses(List.of("10.0.0.0/8"));

	@Test
	void anUntrustedPeerIsTheClientWhateverItWrites() {
		assertThat(addresses(List.of()).of(request("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
		assertThat(this.behindIngress.of(request("198.51.100.7", "10.1.1.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
		assertThat(this.behindIngress.of(request("10.0.0.5", "203.0.113.1"))).isEqualTo("203.0.113.1");
		assertThat(this.behindIngress.of(request("10.0.0.5", "192.0.2.66, 203.0.113.1"))).isEqualTo("203.0.113.1");
		assertThat(this.behindIngress.of(request("10.0.0.5", "192.0.2.66, 203.0.113.1, 10.2.2.2")))
			.isEqualTo("203.0.113.1");
		assertThat(this.behindIngress.of(request("10.0.0.5", "2001:db8::1"))).isEqualTo("2001:db8::1");
	}

	@Test
	void aMalformedHopStopsTheWalkAtTheLastAddressVouchedFor() {
		assertThat(this.behindIngress.of(request("10.0.0.5", "evil.example, 10.2.2.2"))).isEqualTo("10.2.2.2");
		assertThat(this.behindIngress.of(request("10.0.0.5", "unknown"))).isEqualTo("10.0.0.5");
		assertThat(this.behindIngress.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
		// look like addresses, are none: never resolved in DNS, never an error
		assertThat(this.behindIngress.of(request("10.0.0.5", "999.999.999.999"))).isEqualTo("10.0.0.5");
		assertThat(this.behindIngress.of(request("10.0.0.5", "1:2:3"))).isEqualTo("10.0.0.5");
		assertThat(this.behindIngress.of(request("10.0.0.5", "::ffff:zz"))).isEqualTo("10.0.0.5");
	}

	private static MockServerHttpRequest request(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.build();
	}

	private static ClientAddresses addresses(List<String> trusted) {
		return new ClientAddresses(new TrustedProxies(new EdgeProperties("X-Seta-", trusted, Duration.ofSeconds(30), 4096,
				16384, 100, new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30))));
	}

}
