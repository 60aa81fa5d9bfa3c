package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.util.NetUtil;
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
		// asked on every proxied call: with no proxy configured (the default) nothing needs formatting or parsing
		if (this.matchers.isEmpty() || peer == null || peer.getAddress() == null) {
			return false;
		}
		return isTrusted(peer.getAddress().getHostAddress());
	}

	/** For an IP literal; anything else (a host name, garbage) is never trusted, and never looked up in DNS. */
	public boolean isTrusted(String address) {
		if (!isIpLiteral(address)) {
			return false;
		}
		try {
			return this.matchers.stream().anyMatch((matcher) -> matcher.matches(address));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Netty's strict parsers: a syntactically valid address, which IpAddressMatcher then never resolves. */
	public static boolean isIpLiteral(String text) {
		return NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text);
	}

}
