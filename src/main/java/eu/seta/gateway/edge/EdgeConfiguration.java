package eu.seta.gateway.edge;

import java.time.Clock;

import eu.seta.gateway.errors.ErrorResponses;
import eu.seta.gateway.issuers.TrustedIssuers;
import eu.seta.gateway.keys.SigningKeys;
import eu.seta.gateway.revocation.RevocationList;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import eu.seta.gateway.tracing.TracingSwitch;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	/** Static: a registry post-processor must exist before the configuration's other beans. */
	@Bean
	static GatewayHeaderFilters gatewayHeaderFilters() {
		return new GatewayHeaderFilters();
	}

	@Bean
	AccessTokenDecoder accessTokenDecoder(SigningKeys keys, TokenIssuer issuer, TokenProperties tokens,
			EdgeProperties edge, Clock clock, MeterRegistry meters, RevocationList revocations,
			TrustedIssuers trustedIssuers) {
		return new AccessTokenDecoder(keys, issuer, tokens, edge, clock, meters, revocations, trustedIssuers);
	}

	@Bean
	AccessTokens accessTokens(AccessTokenDecoder decoder) {
		return new AccessTokens(decoder);
	}

	/**
	 * The wait for a backend's answer, on the HTTP client's connection: a read timer of Netty's per request instead
	 * of Reactor's timeout operator, which scheduled and cancelled a task on a shared timer on every proxied call.
	 */
	@Bean
	HttpClientCustomizer backendResponseTimeout(EdgeProperties edge) {
		return (client) -> client.responseTimeout(edge.backendResponseTimeout());
	}

	/**
	 * {@code http_server_requests} for the gateway's own endpoints only: a proxied call is timed once, by Spring
	 * Cloud Gateway's {@code spring_cloud_gateway_requests} (with its route), not a second time by an observation
	 * whose {@code uri} tag could only say UNKNOWN. With tracing on, that observation is the server span which
	 * continues the caller's trace, so it stays, and proxied calls are counted there too.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = TracingSwitch.PROPERTY, havingValue = false, matchIfMissing = true)
	ObservationPredicate serverObservationsOfOwnEndpointsOnly() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext server)
				|| EdgeWebFilter.isGatewayOwn(server.getCarrier().getPath().value());
	}

	/** Spring Boot's way to put a class of one's own in the place of its {@code RequestMappingHandlerMapping}. */
	@Bean
	WebFluxRegistrations ownEndpointsOnlyInTheRequestMappingTable() {
		return new WebFluxRegistrations() {

			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new OwnEndpointsHandlerMapping();
			}

		};
	}

	@Bean
	EdgeWebFilter edgeWebFilter(EdgeProperties edge, SecurityHeaders securityHeaders, AccessTokenDecoder decoder,
			EdgeChallenges challenges, ErrorResponses errors) {
		EdgeCors cors = edge.cors().enabled() ? new EdgeCors(edge.cors(), errors, securityHeaders) : null;
		return new EdgeWebFilter(edge, securityHeaders, cors, decoder, challenges, errors);
	}

}
