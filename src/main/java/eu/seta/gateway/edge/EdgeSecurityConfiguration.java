package eu.seta.gateway.edge;

import java.time.Clock;
import java.util.List;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import eu.seta.gateway.keys.SigningKeys;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Who may call what. Two chains: the gateway's own token API, keys and documentation are public and never look
 * at a bearer token (a refresh token travels as one); every other call has its bearer token, if any, validated
 * here, and each route then decides whether it needs one ({@code RouteAccessFilter}: deny unless marked public).
 * No sessions, cookies, form login or CSRF tokens anywhere: every call carries its own credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurityConfiguration {

	static final String[] GATEWAY_OWN = { "/authentication/**", "/.well-known/**" };

	/** The one endpoint of the gateway's own that needs a caller: an administrator's. */
	static final String[] ADMINISTRATION = { "/authentication/v1/sessions", "/authentication/v1/sessions/**" };

	@Bean
	ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, TokenIssuer issuer, TokenProperties tokens,
			EdgeProperties edge, Clock clock, MeterRegistry meters) {
		return new AccessTokenDecoder(keys, issuer, tokens, edge, clock, meters);
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain gatewayOwnEndpoints(ServerHttpSecurity http, EdgeProperties edge) {
		ServerWebExchangeMatcher ownPublic = new AndServerWebExchangeMatcher(
				ServerWebExchangeMatchers.pathMatchers(GATEWAY_OWN),
				new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(ADMINISTRATION)));
		return common(http.securityMatcher(ownPublic), edge)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain proxiedCalls(ServerHttpSecurity http, EdgeProperties edge, ReactiveJwtDecoder decoder,
			EdgeChallenges challenges, MeterRegistry meters) {
		BearerTokenExtractor extractor = new BearerTokenExtractor(edge.maxTokenLength(),
				AccessTokenDecoder.rejections(meters));
		return common(http, edge)
			.oauth2ResourceServer((server) -> server.bearerTokenConverter(extractor)
				.authenticationEntryPoint(challenges)
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(EdgeSecurityConfiguration::caller)))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(challenges)
				.accessDeniedHandler((exchange, denied) -> challenges.insufficientScope(exchange, "Access is denied.")))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(ADMINISTRATION)
				.access(EdgeSecurityConfiguration::administrator)
				// routes decide whether they need a caller: see RouteAccessFilter
				.anyExchange()
				.permitAll())
			.build();
	}

	/**
	 * The authentication of a verified token, without authorities: the edge decides on the {@code role} and
	 * {@code user_type} claims, never on scopes, and Spring Security's scope converter would fail (a 500) on a
	 * {@code scope} claim that is not text.
	 */
	private static Mono<AbstractAuthenticationToken> caller(Jwt jwt) {
		return Mono.just(new JwtAuthenticationToken(jwt, List.of(), jwt.getSubject()));
	}

	private static Mono<AuthorizationResult> administrator(Mono<Authentication> authentication,
			AuthorizationContext context) {
		return authentication.filter(JwtAuthenticationToken.class::isInstance)
			.<AuthorizationResult>map((token) -> new AuthorizationDecision(
					"Administrator".equals(((JwtAuthenticationToken) token).getToken().getClaimAsString("role"))))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

	private static ServerHttpSecurity common(ServerHttpSecurity http, EdgeProperties edge) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			// no Cache-Control/Pragma/Expires of Spring Security's: a proxied answer keeps its backend's caching
			// semantics (a route that wants no-store says so with SetResponseHeader); the gateway's own token
			// answers and every error body set no-store themselves
			.headers((headers) -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)));
		if (edge.cors().enabled()) {
			http.cors((cors) -> cors.configurationSource(corsSource(edge.cors())));
		}
		else {
			http.cors(ServerHttpSecurity.CorsSpec::disable);
		}
		return http;
	}

	private static CorsConfigurationSource corsSource(EdgeProperties.Cors settings) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(settings.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT));
		cors.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER));
		cors.setAllowCredentials(settings.allowCredentials());
		cors.setMaxAge(settings.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	/** Requests the firewall refuses (encoded slashes, {@code ..}, {@code ;}, NUL...) get the JSON body too. */
	@Bean
	ServerExchangeRejectedHandler exchangeRejectedHandler(ErrorResponses errors) {
		return (exchange, rejected) -> errors.write(exchange, HttpStatus.BAD_REQUEST,
				new ErrorBody(ErrorCodes.INVALID_REQUEST, "The request path or headers are not acceptable."),
				HttpHeaders.EMPTY);
	}

}
