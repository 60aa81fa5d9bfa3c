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
 * The token68 syntax of RFC 6750 ({@link #requireToken68}) is checked only for a token the decoder has not verified
 * before: a token it remembers is one that passed, and the check walks every character of a ~800-character token.
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
		String token = credentials(value);
		if (token.length() > this.maxTokenLength) {
			throw tooLong();
		}
		return token;
	}

	/**
	 * A token longer than any the gateway issues: a malformed request (RFC 6750 section 3.1), not an invalid token,
	 * wherever the length is checked.
	 */
	static RejectedTokenException tooLong() {
		return new RejectedTokenException(HttpStatus.BAD_REQUEST, "invalid_request", TOO_LARGE, TOO_LONG);
	}

	/** What follows "Bearer" and one or more spaces, without trailing whitespace; not yet checked for its syntax. */
	static String credentials(String value) {
		int start = SCHEME.length();
		if (start >= value.length() || value.charAt(start) != ' ') {
			throw BearerRefusal.invalidToken(MALFORMED_HEADER);
		}
		while (start < value.length() && value.charAt(start) == ' ') {
			start++;
		}
		int end = value.length();
		while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
			end--;
		}
		if (end == start) {
			throw BearerRefusal.invalidToken(MALFORMED_HEADER);
		}
		return (start == SCHEME.length() + 1 && end == value.length()) ? value.substring(start)
				: value.substring(start, end);
	}

	/**
	 * RFC 6750's token68: at least one of the characters of base64 and base64url, then optional '=' padding. A
	 * {@link RejectedTokenException} (reason {@code malformed}), so that the decoder counts it like its other
	 * refusals. Both found by AccessTokenFuzzTests and BearerTokenFuzzTests: padding alone ({@code Bearer =}) passed,
	 * and the refusal was a plain {@link BearerRefusal} that the decoder's metrics never saw.
	 */
	static void requireToken68(String token) {
		int end = 0;
		while (end < token.length() && isToken68(token.charAt(end))) {
			end++;
		}
		boolean hasToken = end > 0;
		while (end < token.length() && token.charAt(end) == '=') {
			end++;
		}
		if (!hasToken || end != token.length()) {
			throw new RejectedTokenException("malformed", MALFORMED_HEADER);
		}
	}

	private static final boolean[] TOKEN68 = token68Table();

	private static boolean isToken68(char c) {
		return c < 128 && TOKEN68[c];
	}

	private static boolean[] token68Table() {
		boolean[] table = new boolean[128];
		for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/".toCharArray()) {
			table[c] = true;
		}
		return table;
	}

}
