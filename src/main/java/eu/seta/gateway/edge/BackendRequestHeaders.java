package eu.seta.gateway.edge;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers a backend receives, in one copy of the client's: without any the client sent with the identity prefix
 * ({@code X-Seta-*} by default, in any case and with {@code _} for {@code -}, since some servers such as nginx, CGI
 * and WSGI treat {@code X_Seta_User_Id} as {@code X-Seta-User-Id}), without {@code Forwarded}, {@code X-Forwarded-*}
 * and {@code X-Real-IP} unless the connection comes from a trusted proxy, and with the verified caller's identity
 * added. Spring Cloud Gateway's own header filters (forwarding headers, hop-by-hop) run after this one, on its
 * output, so they never see what a client was not allowed to send.
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
		this.trustedProxies = trustedProxies;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		boolean fromTrustedProxy = this.trustedProxies.isTrusted(exchange.getRequest().getRemoteAddress());
		HttpHeaders headers = new HttpHeaders();
		for (Map.Entry<String, List<String>> header : input.headerSet()) {
			if (!isUnwanted(header.getKey(), fromTrustedProxy)) {
				headers.addAll(header.getKey(), header.getValue());
			}
		}
		Caller caller = Caller.find(exchange);
		if (caller != null) {
			headers.set(this.userId, caller.userId());
			headers.set(this.provider, caller.provider());
			headers.set(this.username, caller.username());
			headers.set(this.role, caller.role());
			headers.set(this.userType, caller.userType());
			headers.set(this.tokenId, caller.tokenId());
		}
		return headers;
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
		if (fromTrustedProxy) {
			return false;
		}
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
