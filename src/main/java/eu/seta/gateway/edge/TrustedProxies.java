package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/** The proxies in front of the gateway whose forwarding headers are believed; nobody else's are. */
@Component
public class TrustedProxies {

	private final List<IpAddressMatcher> matchers;

	TrustedProxies(EdgeProperties properties) {
		// IpAddressMatcher parses once here and rejects a malformed address or CIDR at start-up
		this.matchers = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
	}

	public boolean isTrusted(@Nullable InetSocketAddress peer) {
		if (peer == null || peer.getAddress() == null) {
			return false;
		}
		String address = peer.getAddress().getHostAddress();
		return this.matchers.stream().anyMatch((matcher) -> matcher.matches(address));
	}

}
