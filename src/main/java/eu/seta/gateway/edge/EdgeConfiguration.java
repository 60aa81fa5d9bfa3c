package eu.seta.gateway.edge;

import java.time.Clock;

import eu.seta.gateway.errors.ErrorResponses;
import eu.seta.gateway.keys.SigningKeys;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	AccessTokenDecoder accessTokenDecoder(SigningKeys keys, TokenIssuer issuer, TokenProperties tokens,
			EdgeProperties edge, Clock clock, MeterRegistry meters) {
		return new AccessTokenDecoder(keys, issuer, tokens, edge, clock, meters);
	}

	@Bean
	EdgeWebFilter edgeWebFilter(EdgeProperties edge, SecurityHeaders securityHeaders, AccessTokenDecoder decoder,
			EdgeChallenges challenges, ErrorResponses errors) {
		EdgeCors cors = edge.cors().enabled() ? new EdgeCors(edge.cors(), errors) : null;
		return new EdgeWebFilter(edge, securityHeaders, cors, decoder, challenges, errors);
	}

}
