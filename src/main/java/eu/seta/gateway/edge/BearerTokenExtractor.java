package eu.seta.gateway.edge;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Finds the bearer token of a call: one {@code Authorization: Bearer} header and nothing else. A token in the URL
 * ({@code access_token}) is refused rather than read: URLs end up in logs and browser histories, and a second token
 * beside the header would let two parties disagree about who is calling (RFC 6750 section 2). A token longer than
 * any the gateway issues is a malformed request (RFC 6750 section 3.1: 400 {@code invalid_request}), refused before
 * anything parses it.
 * <p>
 * The token68 syntax of RFC 6750 is checked character by character rather than with a regular expression: this
 * runs on every proxied call, and the loop costs a fraction of a matcher.
 */
final class BearerTokenExtractor {

	static final String TOO_LARGE = "too_large";

	static final String TOO_LONG = "The access token is too long.";

	static final String MALFORMED_HEADER = "The Authorization header must be 'Bearer <token>'.";

	private static final String SCHEME = "Bearer";

	private final int maxTokenLength;

	BearerTokenExtractor(int maxTokenLength) {
		this.maxTokenLength = maxTokenLength;
	}

	/**
	 * @return the token, or {@code null} when the call carries none (no Authorization header, or another scheme,
	 * which is the backend's to judge)
	 * @throws BearerRefusal when the call carries one the edge must refuse unread
	 */
	@Nullable String extract(ServerHttpRequest request) {
		String query = request.getURI().getRawQuery();
		if (query != null && query.contains("access_token") && request.getQueryParams().containsKey("access_token")) {
			throw BearerRefusal.invalidRequest("Send the access token in the Authorization header, not in the URL.");
		}
		List<String> values = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw BearerRefusal.invalidRequest("Send one Authorization header.");
		}
		String value = values.get(0);
		if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		String token = token68(value);
		if (token.length() > this.maxTokenLength) {
			throw new RejectedTokenException(HttpStatus.BAD_REQUEST, "invalid_request", TOO_LARGE, TOO_LONG);
		}
		return token;
	}

	/** "Bearer", one or more spaces, a token68, optional trailing whitespace; anything else is malformed. */
	private static String token68(String value) {
		int start = SCHEME.length();
		if (start >= value.length() || value.charAt(start) != ' ') {
			throw BearerRefusal.invalidToken(MALFORMED_HEADER);
		}
		while (start < value.length() && value.charAt(start) == ' ') {
			start++;
		}
		int end = start;
		while (end < value.length() && isToken68(value.charAt(end))) {
			end++;
		}
		int padded = end;
		while (padded < value.length() && value.charAt(padded) == '=') {
			padded++;
		}
		for (int i = padded; i < value.length(); i++) {
			if (!Character.isWhitespace(value.charAt(i))) {
				throw BearerRefusal.invalidToken(MALFORMED_HEADER);
			}
		}
		if (end == start) {
			throw BearerRefusal.invalidToken(MALFORMED_HEADER);
		}
		return value.substring(start, padded);
	}

	private static boolean isToken68(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
