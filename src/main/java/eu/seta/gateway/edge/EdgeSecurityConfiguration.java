package eu.seta.gateway.edge;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may call what. The token API, its documentation and the key endpoints are public; everything else needs a
 * valid access token. No sessions, cookies, form login or CSRF tokens: every call carries its own credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurityConfiguration {

	/** Any method: a wrong one then gets the endpoint's 405, not a misleading 401. */
	static final String[] PUBLIC = { "/authentication/v1/token", "/authentication/v1/token/*",
			"/authentication/v1/jwks", "/authentication/v1/doc", "/authentication/v1/doc.yaml",
			"/.well-known/jwks.json", "/.well-known/oauth-authorization-server" };

	@Bean
	SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ErrorResponses errors) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(PUBLIC)
				.permitAll()
				.anyExchange()
				.authenticated())
			.exceptionHandling((handling) -> handling
				.authenticationEntryPoint((exchange, ex) -> errors.write(exchange, HttpStatus.UNAUTHORIZED,
						new ErrorBody(ErrorCodes.INVALID_TOKEN, "A valid access token is required."),
						bearerChallenge()))
				.accessDeniedHandler((exchange, ex) -> errors.write(exchange, HttpStatus.FORBIDDEN,
						new ErrorBody(ErrorCodes.ACCESS_DENIED, "Access is denied."), HttpHeaders.EMPTY)))
			.build();
	}

	private static HttpHeaders bearerChallenge() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return headers;
	}

}
