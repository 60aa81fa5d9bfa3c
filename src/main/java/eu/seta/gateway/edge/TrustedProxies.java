package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/** The proxies in front of the gateway whose forwarding headers are believed; nobody else's are. */
@Component
public class TrustedProxies {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]+)?");

	private final List<IpAddressMatcher> matchers;

	TrustedProxies(EdgeProperties properties) {
		// IpAddressMatcher parses once here and rejects a malformed address or CIDR at start-up
		this.matchers = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
	}

	public boolean isTrusted(@Nullable InetSocketAddress peer) {
		if (peer == null || peer.getAddress() == null) {
			return false;
		}
		return isTrusted(peer.getAddress().getHostAddress());
	}

	/** For an IP literal; anything else (a host name, garbage) is never trusted, and never looked up in DNS. */
	public boolean isTrusted(String address) {
		return isIpLiteral(address) && this.matchers.stream().anyMatch((matcher) -> matcher.matches(address));
	}

	public static boolean isIpLiteral(String text) {
		return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
	}

}
