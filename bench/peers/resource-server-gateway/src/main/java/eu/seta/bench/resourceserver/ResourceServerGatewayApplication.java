package eu.seta.bench.resourceserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The stock way to validate the edge's access tokens in a gateway: Spring Security's resource server, with the
 * {@code NimbusReactiveJwtDecoder} that Spring Boot builds from
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} (the product gateway's JWKS), {@code issuer-uri}
 * and {@code audiences}. Configured only as far as a backend must be to accept the product's tokens; no cache,
 * no tuning, since the stock setup is what is measured.
 */
@SpringBootApplication
public class ResourceServerGatewayApplication {

	public static void main(String[] args) {
		// Only this jar's application.yml: started from the repository's root, Boot would also read the product's
		// ./config/application.yml and route to the product's backends.
		new SpringApplicationBuilder(ResourceServerGatewayApplication.class)
			.properties("spring.config.location=classpath:/application.yml")
			.run(args);
	}

	/**
	 * The product's access tokens say {@code typ: at+jwt} (RFC 9068). Spring Security 7 no longer lets Nimbus check
	 * {@code typ}; its default validators do, with {@code JwtTypeValidator.jwt()}, which accepts only {@code JWT}.
	 * Boot adds validator beans to its decoder, and {@code JwtValidators.createDefaultWithValidators} leaves its
	 * default type check out when one is given: so this bean replaces the check rather than adding a second one.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> accessTokenType() {
		return new JwtTypeValidator("at+jwt");
	}

	/** The product's rules for these paths: the search API needs a valid token, the console's pages do not. */
	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/seta-search/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()))
			.build();
	}

}
