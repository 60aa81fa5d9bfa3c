package eu.seta.gateway.token;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import eu.seta.gateway.errors.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Reads {@code Authorization: Bearer <token>} per RFC 6750 section 2.1: one header, one token, token68 syntax. */
final class BearerCredentials {

	private static final Pattern BEARER = Pattern.compile("(?i)^Bearer +([A-Za-z0-9\\-._~+/]+=*)$");

	private BearerCredentials() {
	}

	/** Empty when there is no Authorization header at all. */
	static Optional<String> find(ServerHttpRequest request) {
		List<String> values = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (values.isEmpty()) {
			return Optional.empty();
		}
		if (values.size() > 1) {
			throw malformed();
		}
		var matcher = BEARER.matcher(values.get(0).strip());
		if (!matcher.matches()) {
			throw malformed();
		}
		return Optional.of(matcher.group(1));
	}

	static String require(ServerHttpRequest request) {
		return find(request).orElseThrow(() -> ApiException.unauthorizedRequest(
				"An 'Authorization: Bearer <refresh token>' header is required."));
	}

	private static ApiException malformed() {
		return ApiException.unauthorizedRequest("The Authorization header must be 'Bearer <token>'.");
	}

}
