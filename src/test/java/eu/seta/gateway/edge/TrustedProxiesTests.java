package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only IP literals inside a configured range are proxies; a name is never looked up and never trusted. */
class TrustedProxiesTests {

	private final TrustedProxies everyone = proxies(List.of("0.0.0.0/0", "::/0"));

	@Test
	void anAddressInsideARangeIsTrustedAndOneOutsideIsNot() {
		TrustedProxies proxies = proxies(List.of("10.0.0.0/8"));
		assertThat(proxies.isTrusted("10.1.2.3")).isTrue();
		assertThat(proxies.isTrusted("11.1.2.3")).isFalse();
		assertThat(proxies.isTrusted(new InetSocketAddress("10.1.2.3", 443))).isTrue();
		assertThat(proxies.isTrusted(new InetSocketAddress("11.1.2.3", 443))).isFalse();
	}

	@Test
	void aHostNameIsNeverTrustedEvenWhenEveryAddressIs() {
		assertThat(this.everyone.isTrusted("localhost")).isFalse();
		assertThat(this.everyone.isTrusted("proxy.example")).isFalse();
		assertThat(this.everyone.isTrusted("")).isFalse();
	}

	@Test
	void anAddressTheMatcherCannotReadIsNotTrusted() {
		// a valid IPv6 literal for Netty, but its zone names no interface of this host: the JDK refuses to read it
		assertThat(TrustedProxies.isIpLiteral("fe80::1%no-such-interface0")).isTrue();
		assertThat(this.everyone.isTrusted("fe80::1%no-such-interface0")).isFalse();
	}

	@Test
	void withNoProxyConfiguredNobodyIsTrusted() {
		assertThat(proxies(List.of()).isTrusted(new InetSocketAddress("127.0.0.1", 80))).isFalse();
		assertThat(this.everyone.isTrusted((InetSocketAddress) null)).isFalse();
	}

	private static TrustedProxies proxies(List<String> trusted) {
		return new TrustedProxies(new EdgeProperties("X-Seta-", trusted, Duration.ofSeconds(30), 4096, 16384, 100,
				new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30)));
	}

}
