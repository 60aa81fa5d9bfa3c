package eu.seta.gateway.edge;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers a backend receives, made in one copy of the client's, the only pass over them on the way out:
 * <ul>
 * <li>without hop-by-hop headers ({@link HopByHopHeaders});</li>
 * <li>without any the client sent with the identity prefix ({@code X-Seta-*} by default, in any case and with
 * {@code _} for {@code -}, since some servers such as nginx, CGI and WSGI treat {@code X_Seta_User_Id} as
 * {@code X-Seta-User-Id});</li>
 * <li>without {@code Forwarded}, {@code X-Forwarded-*} and {@code X-Real-IP} unless the connection comes from a
 * trusted proxy, whose ones are kept and extended;</li>
 * <li>with the verified caller's identity (and, for a trusted external issuer's token, that issuer);</li>
 * <li>with the gateway's forwarding headers, as Spring Cloud Gateway's two forwarding filters write them:
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host}, {@code -Port} (appended, comma-separated, to a trusted
 * proxy's), {@code -Prefix} when a route strips part of the path, and a {@code Forwarded} element of its own.</li>
 * </ul>
 * Spring Cloud Gateway's own filters for the same work (removing forwarding and hop-by-hop headers) are not
 * registered ({@link GatewayHeaderFilters}): each of them copied every header of every call once more.
 */
@Component
class BackendRequestHeaders implements HttpHeadersFilter, Ordered {

	private static final List<String> FORWARDING = List.of("forwarded", "x-forwarded-", "x-real-ip");

	private final String identityPrefix;

	private final String userId;

	private final String provider;

	private final String username;

	private final String role;

	private final String userType;

	private final String tokenId;

	private final String issuer;

	private final TrustedProxies trustedProxies;

	BackendRequestHeaders(EdgeProperties properties, TrustedProxies trustedProxies) {
		String prefix = properties.identityHeaderPrefix();
		this.identityPrefix = normalize(prefix);
		this.userId = prefix + "User-Id";
		this.provider = prefix + "Provider";
		this.username = prefix + "Username";
		this.role = prefix + "Role";
		this.userType = prefix + "User-Type";
		this.tokenId = prefix + "Token-Id";
		this.issuer = prefix + "Issuer";
		this.trustedProxies = trustedProxies;
	}

	@Override
	public int getOrder() {
		return 1;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		boolean fromTrustedProxy = this.trustedProxies.isTrusted(request.getRemoteAddress());
		HttpHeaders headers = writable(input);
		HopByHopHeaders.remove(headers);
		// a trusted proxy's forwarding headers stay where they are, to be extended below; nothing before this
		// filter removes them (GatewayHeaderFilters takes Spring Cloud Gateway's removing filters out)
		List<String> unwanted = null;
		for (String name : headers.headerNames()) {
			if (isUnwanted(name, fromTrustedProxy)) {
				unwanted = (unwanted != null) ? unwanted : new java.util.ArrayList<>();
				unwanted.add(name);
			}
		}
		if (unwanted != null) {
			unwanted.forEach(headers::remove);
		}
		Caller caller = Caller.find(exchange);
		if (caller != null) {
			headers.set(this.userId, caller.userId());
			headers.set(this.provider, caller.provider());
			headers.set(this.username, caller.username());
			headers.set(this.role, caller.role());
			headers.set(this.userType, caller.userType());
			headers.set(this.tokenId, caller.tokenId());
			if (caller.isExternal()) {
				headers.set(this.issuer, caller.issuer());
			}
		}
		forwarding(headers, exchange);
		return headers;
	}

	/** The input as this filter may change it: a copy, unless a filter before this one already made one. */
	private static HttpHeaders writable(HttpHeaders input) {
		// the request's own headers are read-only (a subclass): those get copied
		return (input.getClass() == HttpHeaders.class) ? input : HttpHeaders.copyOf(input);
	}

	private static void forwarding(HttpHeaders headers, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		URI uri = request.getURI();
		String proto = uri.getScheme();
		int port = (uri.getPort() >= 0) ? uri.getPort() : ("https".equals(proto) ? 443 : 80);
		InetSocketAddress peer = request.getRemoteAddress();
		String address = (peer != null && peer.getAddress() != null) ? peer.getAddress().getHostAddress() : null;
		append(headers, "X-Forwarded-For", address);
		append(headers, "X-Forwarded-Proto", proto);
		String prefix = strippedPrefix(exchange);
		if (prefix != null) {
			append(headers, "X-Forwarded-Prefix", prefix);
		}
		append(headers, "X-Forwarded-Port", Integer.toString(port));
		// the host as the request's URI parsed it, not the Host header's text: only a host name or address and a
		// port, so a client's Host cannot end the host parameter and add a for= or an element of its own
		// (Host: x;for=203.0.113.9); a Host the URI has no host for gets neither header
		String host = hostOf(uri, proto);
		append(headers, "X-Forwarded-Host", host);
		StringBuilder forwarded = new StringBuilder("proto=").append(proto);
		if (host != null) {
			forwarded.append(";host=").append(quoted(host));
		}
		if (address != null) {
			String client = (peer.getAddress() instanceof Inet6Address) ? "[" + address + "]" : address;
			forwarded.append(";for=").append(quoted(client + ":" + peer.getPort()));
		}
		headers.add("Forwarded", forwarded.toString());
	}

	/** Appended to what a trusted proxy sent, as one comma-separated value. */
	private static void append(HttpHeaders headers, String name, @Nullable String value) {
		if (value == null) {
			return;
		}
		List<String> existing = headers.get(name);
		if (existing == null || existing.isEmpty()) {
			headers.set(name, value);
		}
		else {
			headers.set(name, String.join(",", existing) + "," + value);
		}
	}

	/** The part of the path a route stripped (StripPrefix, RewritePath), as Spring Cloud Gateway computes it. */
	private static @Nullable String strippedPrefix(ServerWebExchange exchange) {
		LinkedHashSet<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		URI routed = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (originals == null || routed == null) {
			return null;
		}
		String routedPath = withoutTrailingSlash(routed.getRawPath());
		String prefix = null;
		for (URI original : originals) {
			String originalPath = withoutTrailingSlash(original.getRawPath());
			if (originalPath.endsWith(routedPath) && originalPath.length() > routedPath.length()) {
				prefix = originalPath.substring(0, originalPath.length() - routedPath.length());
			}
		}
		return prefix;
	}

	private static String withoutTrailingSlash(@Nullable String path) {
		if (path == null) {
			return "";
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	private static @Nullable String hostOf(URI uri, String proto) {
		String host = uri.getHost();
		if (host == null) {
			return null;
		}
		int port = uri.getPort();
		boolean defaultPort = port < 0 || (port == 80 && "http".equals(proto)) || (port == 443 && "https".equals(proto));
		return defaultPort ? host : host + ":" + port;
	}

	private static String quoted(String value) {
		return value.contains(":") ? "\"" + value + "\"" : value;
	}

	private boolean isUnwanted(String name, boolean fromTrustedProxy) {
		if (name.isEmpty()) {
			return false;
		}
		// the cheap common case first: most header names start with neither x nor f
		char first = Character.toLowerCase(name.charAt(0));
		if (first != 'x' && first != 'f' && first != this.identityPrefix.charAt(0)) {
			return false;
		}
		String normalized = normalize(name);
		if (normalized.startsWith(this.identityPrefix)) {
			return true;
		}
		return !fromTrustedProxy && isForwarding(normalized);
	}

	private static boolean isForwarding(String normalized) {
		for (String forwarding : FORWARDING) {
			if (normalized.startsWith(forwarding)) {
				return true;
			}
		}
		return false;
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
