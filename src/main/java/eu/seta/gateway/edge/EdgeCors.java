package eu.seta.gateway.edge;

import java.util.List;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Cross-origin access for browser clients, when {@code seta.edge.cors.allowed-origins} lists origins: Spring's own
 * CORS processing, as its {@code CorsWebFilter} does it, but a refusal gets the gateway's JSON body.
 */
final class EdgeCors {

	static final ErrorBody REFUSED = new ErrorBody(ErrorCodes.ACCESS_DENIED,
			"Cross-origin requests from this origin are not allowed.");

	private final CorsConfiguration configuration;

	private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

	private final ErrorResponses errors;

	private final SecurityHeaders securityHeaders;

	EdgeCors(EdgeProperties.Cors settings, ErrorResponses errors, SecurityHeaders securityHeaders) {
		this.securityHeaders = securityHeaders;
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(settings.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT));
		cors.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER));
		cors.setAllowCredentials(settings.allowCredentials());
		cors.setMaxAge(settings.maxAge());
		this.configuration = cors;
		this.errors = errors;
	}

	/**
	 * @return the answer when CORS ends the exchange here (a refused origin, or a preflight, which is answered by
	 * the gateway and never reaches a backend); {@code null} when the call goes on
	 */
	@Nullable Mono<Void> process(ServerWebExchange exchange) {
		if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
			return null;
		}
		if (!this.processor.process(this.configuration, exchange)) {
			return this.errors.write(exchange, HttpStatus.FORBIDDEN, REFUSED, HttpHeaders.EMPTY);
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			this.securityHeaders.write(exchange);
			return exchange.getResponse().setComplete();
		}
		return null;
	}

}
