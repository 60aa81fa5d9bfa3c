package eu.seta.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

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

	/**
	 * A connection's peer arrives as an address, a forwarding header's hop as text: both must be trusted exactly when
	 * Spring Security's IpAddressMatcher would match them, on every address and range, inside, outside and across
	 * the boundaries.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/8", "192.168.1.77/24", "172.16.0.0/12", "203.0.113.9", "203.0.113.8/31",
			"0.0.0.0/0", "10.1.2.3/32", "128.0.0.0/1", "10.0.0.0/9", "::1", "::/0", "2001:db8::/32", "2001:db8::/33",
			"fe80::/10", "2001:db8::5/127", "::ffff:10.0.0.1", "[2001:db8::1]" })
	void anAddressIsTrustedExactlyWhenIpAddressMatcherMatchesIt(String range) throws Exception {
		TrustedProxies proxies = proxies(List.of(range));
		List<String> addresses = List.of("10.0.0.0", "10.0.0.1", "10.1.2.3", "10.127.255.255", "10.128.0.0",
				"10.255.255.255", "11.0.0.0", "9.255.255.255", "192.168.1.0", "192.168.1.255", "192.168.2.1",
				"172.15.255.255", "172.16.0.0", "172.31.255.255", "172.32.0.0", "203.0.113.8", "203.0.113.9",
				"203.0.113.10", "127.0.0.1", "128.0.0.0", "127.255.255.255", "255.255.255.255", "0.0.0.0", "::1", "::",
				"2001:db8::", "2001:db8::1", "2001:db8::4", "2001:db8::5", "2001:db8::6", "2001:db8:8000::1",
				"2001:db9::1", "fe80::1", "febf::1", "fec0::1",
				// every bit of a /32 or /10 mask set: inside none of these ranges
				"ffff:ffff::1", "ffc0::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
		for (String address : addresses) {
			boolean expected = new IpAddressMatcher(range).matches(address);
			InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(address), 40000);
			assertThat(proxies.isTrusted(peer)).as("peer %s in %s", address, range).isEqualTo(expected);
			assertThat(proxies.isTrusted(address)).as("hop %s in %s", address, range).isEqualTo(expected);
		}
	}

	@Test
	void anIpv6AddressWithEveryBitOfTheMaskSetIsNotInsideTheRange() {
		TrustedProxies proxies = proxies(List.of("2001:db8::/32", "fc00::/7"));
		assertThat(proxies.isTrusted(new InetSocketAddress("ffff:ffff::1", 443))).isFalse();
		assertThat(proxies.isTrusted(new InetSocketAddress("fe00::1", 443))).isFalse();
		assertThat(proxies.isTrusted(new InetSocketAddress("2001:db8::1", 443))).isTrue();
		assertThat(proxies.isTrusted(new InetSocketAddress("fd12::1", 443))).isTrue();
	}

	private static TrustedProxies proxies(List<String> trusted) {
		return new TrustedProxies(new EdgeProperties("X-Seta-", trusted, Duration.ofSeconds(30), 4096, 16384, 100,
				new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30)));
	}

}
