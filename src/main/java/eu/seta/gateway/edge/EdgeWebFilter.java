package eu.seta.gateway.edge;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import eu.seta.gateway.issuers.IssuerUnavailableException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The edge, in one synchronous pass over each request before anything else sees it: header size, the path
 * firewall, the security headers of the answer, CORS, and the bearer token. A verified token leaves its
 * {@link Caller} on the exchange; each route then decides whether it needs one ({@code RouteAccessFilter}: deny
 * unless marked public). The gateway's own token API, keys and documentation never read a bearer token (a refresh
 * token travels as one); its endpoint for administrators needs an administrator's, its introspection endpoint an
 * application's or an administrator's.
 * <p>
 * This replaces Spring Security's reactive filter chain, which the edge used before: a dozen filters, matchers and
 * Reactor operators per call for what comes down to the checks here, each of which is the same code as before
 * (the token checks are {@link AccessTokenDecoder}'s). No sessions, cookies, form login or CSRF tokens anywhere:
 * every call carries its own credentials.
 */
final class EdgeWebFilter implements WebFilter, Ordered {

	/** An endpoint of the gateway's own that needs a caller: an administrator. */
	static final String ADMINISTRATION = "/authentication/v1/sessions";

	/** An endpoint of the gateway's own that needs a caller: an application (a backend) or an administrator. */
	static final String INTROSPECTION = "/authentication/v1/introspect";

	static final ErrorBody PATH_REFUSED = new ErrorBody(ErrorCodes.INVALID_REQUEST,
			"The request path or headers are not acceptable.");

	static final ErrorBody HEADERS_TOO_LARGE = new ErrorBody(ErrorCodes.INVALID_REQUEST,
			"The request headers are too large.");

	private final int maxHeaderBytes;

	private final SecurityHeaders securityHeaders;

	private final @Nullable EdgeCors cors;

	private final BearerTokenExtractor bearer;

	private final AccessTokenDecoder decoder;

	private final EdgeChallenges challenges;

	private final ErrorResponses errors;

	EdgeWebFilter(EdgeProperties properties, SecurityHeaders securityHeaders, @Nullable EdgeCors cors,
			AccessTokenDecoder decoder, EdgeChallenges challenges, ErrorResponses errors) {
		this.maxHeaderBytes = properties.maxHeaderBytes();
		this.securityHeaders = securityHeaders;
		this.cors = cors;
		this.bearer = new BearerTokenExtractor(properties.maxTokenLength());
		this.decoder = decoder;
		this.challenges = challenges;
		this.errors = errors;
	}

	/** Right after the access log's filter, when that is on, so that its refusals are logged too. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Caller verified = TokenVerifiedBeforeExchange.take(request);
		if (verified != null) {
			return verifiedBeforeExchange(exchange, chain, verified);
		}
		String path = request.getPath().value();
		if (isGatewayOwn(path)) {
			// a backend's answer gets them from SecurityHeaders, a refusal from ErrorResponses
			this.securityHeaders.write(exchange);
		}
		if (headerBytes(request) > this.maxHeaderBytes) {
			return this.errors.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HEADERS_TOO_LARGE,
					HttpHeaders.EMPTY);
		}
		if (!RequestFirewall.accepts(request)) {
			return this.errors.write(exchange, HttpStatus.BAD_REQUEST, PATH_REFUSED, HttpHeaders.EMPTY);
		}
		if (this.cors != null) {
			Mono<Void> answered = this.cors.process(exchange);
			if (answered != null) {
				return answered;
			}
		}
		boolean administration = isEndpoint(path, ADMINISTRATION);
		boolean introspection = !administration && isEndpoint(path, INTROSPECTION);
		if (!administration && !introspection && isOwnPublic(path)) {
			return chain.filter(exchange);
		}
		String token;
		Caller caller;
		try {
			token = bearerToken(request);
			caller = (token != null) ? this.decoder.verify(token) : null;
		}
		catch (BearerRefusal refusal) {
			return this.challenges.refuse(exchange, refusal);
		}
		if (caller == AccessTokenDecoder.EXTERNAL) {
			return external(exchange, chain, token, administration, introspection);
		}
		return proceed(exchange, chain, caller, administration, introspection);
	}

	/**
	 * A request whose head {@link TokenRefusalBeforeExchange} judged and let through: its header size, path, lack of
	 * Origin and single Bearer token were checked there, and it is no endpoint of the gateway's own; what is left is
	 * the revocation check, run again as on a cache hit, and the route's requirements.
	 */
	private Mono<Void> verifiedBeforeExchange(ServerWebExchange exchange, WebFilterChain chain, Caller verified) {
		Caller caller;
		try {
			caller = this.decoder.stillAdmitted(verified);
		}
		catch (BearerRefusal refusal) {
			return this.challenges.refuse(exchange, refusal);
		}
		return proceed(exchange, chain, caller, false, false);
	}

	/**
	 * A token for the trusted issuers: verified later when its issuer's keys must be fetched first, so the rest of the
	 * pass runs once it is. Only such tokens come here; the gateway's own never do.
	 */
	private Mono<Void> external(ServerWebExchange exchange, WebFilterChain chain, String token,
			boolean administration, boolean introspection) {
		return this.decoder.verifyExternal(token)
			.map((caller) -> proceed(exchange, chain, caller, administration, introspection))
			.onErrorResume(BearerRefusal.class, (refusal) -> Mono.just(this.challenges.refuse(exchange, refusal)))
			.onErrorResume(IssuerUnavailableException.class,
					(unavailable) -> Mono.just(this.challenges.unavailable(exchange, unavailable.getMessage())))
			.flatMap((next) -> next);
	}

	private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, @Nullable Caller caller,
			boolean administration, boolean introspection) {
		if (caller != null) {
			Caller.remember(exchange, caller);
		}
		if (administration || introspection) {
			if (caller == null) {
				return this.challenges.missingToken(exchange);
			}
			boolean allowed = caller.isAdministrator() || (introspection && caller.isApplication());
			if (!allowed) {
				return this.challenges.insufficientScope(exchange, "Access is denied.");
			}
		}
		return chain.filter(exchange);
	}

	private @Nullable String bearerToken(ServerHttpRequest request) {
		try {
			return this.bearer.extract(request);
		}
		catch (RejectedTokenException tooLong) {
			this.decoder.count(tooLong);
			throw tooLong;
		}
	}

	/** The gateway's own endpoints, the administrator's included: everything that is not routed to a backend. */
	static boolean isGatewayOwn(String path) {
		return EdgePaths.isGatewayOwn(path);
	}

	private static boolean isOwnPublic(String path) {
		return EdgePaths.isOwnPublic(path);
	}

	private static boolean isEndpoint(String path, String endpoint) {
		return path.startsWith(endpoint) && (path.length() == endpoint.length() || path.charAt(endpoint.length()) == '/');
	}

	/**
	 * Name, ": ", value and CRLF of every header line, as they came over the wire: counted on Netty's own header
	 * storage where the request has one, which reads lengths without turning every name and value into a String.
	 */
	static long headerBytes(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (nativeRequest instanceof HttpServerRequest netty) {
			return headerBytes(netty.requestHeaders());
		}
		long bytes = 0;
		for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
			for (String value : header.getValue()) {
				bytes += header.getKey().length() + value.length() + 4;
			}
		}
		return bytes;
	}

	static long headerBytes(io.netty.handler.codec.http.HttpHeaders headers) {
		long bytes = 0;
		for (Iterator<Map.Entry<CharSequence, CharSequence>> lines = headers.iteratorCharSequence(); lines.hasNext();) {
			Map.Entry<CharSequence, CharSequence> line = lines.next();
			bytes += line.getKey().length() + line.getValue().length() + 4;
		}
		return bytes;
	}

}
