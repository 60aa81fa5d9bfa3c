package eu.seta.gateway.edge;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.seta.gateway.support.TaggedCounters;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the bearer token of a proxied call: one {@code Authorization: Bearer} header and nothing else. A token in
 * the URL ({@code access_token}) is refused rather than read: URLs end up in logs and browser histories, and a
 * second token beside the header would let two parties disagree about who is calling (RFC 6750 section 2). A token
 * longer than any the gateway issues is a malformed request (RFC 6750 section 3.1: 400 {@code invalid_request}),
 * refused before anything parses it.
 */
final class BearerTokenExtractor implements ServerAuthenticationConverter {

	private static final Pattern BEARER = Pattern.compile("(?i)^Bearer(?: +([A-Za-z0-9\\-._~+/]+=*))?\\s*$");

	private final int maxTokenLength;

	private final TaggedCounters rejections;

	BearerTokenExtractor(int maxTokenLength, TaggedCounters rejections) {
		this.maxTokenLength = maxTokenLength;
		this.rejections = rejections;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return Mono.fromCallable(() -> extract(exchange));
	}

	private Authentication extract(ServerWebExchange exchange) {
		if (exchange.getRequest().getQueryParams().containsKey("access_token")) {
			throw invalidRequest("Send the access token in the Authorization header, not in the URL.");
		}
		List<String> values = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw invalidRequest("Send one Authorization header.");
		}
		String value = values.get(0);
		if (!value.regionMatches(true, 0, "Bearer", 0, 6)) {
			// another scheme (Basic, ...) is for the backend to judge; the edge only looks at bearer tokens
			return null;
		}
		Matcher matcher = BEARER.matcher(value);
		if (!matcher.matches() || matcher.group(1) == null) {
			throw invalidToken("The Authorization header must be 'Bearer <token>'.");
		}
		String token = matcher.group(1);
		if (token.length() > this.maxTokenLength) {
			this.rejections.increment(AccessTokenDecoder.TOO_LARGE);
			throw invalidRequest(AccessTokenDecoder.TOO_LONG);
		}
		return new BearerTokenAuthenticationToken(token);
	}

	private static OAuth2AuthenticationException invalidRequest(String description) {
		return new OAuth2AuthenticationException(new BearerTokenError(BearerTokenErrorCodes.INVALID_REQUEST,
				HttpStatus.BAD_REQUEST, description, null));
	}

	private static OAuth2AuthenticationException invalidToken(String description) {
		return new OAuth2AuthenticationException(
				new BearerTokenError(BearerTokenErrorCodes.INVALID_TOKEN, HttpStatus.UNAUTHORIZED, description, null));
	}

}
