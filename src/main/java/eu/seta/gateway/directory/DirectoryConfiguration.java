package eu.seta.gateway.directory;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

	static final String TYPE = DirectoryProperties.PREFIX + ".type";

	static final String CIRCUIT = "user-service";

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "file", matchIfMissing = true)
	FilePrincipalDirectory filePrincipalDirectory(DirectoryProperties properties) {
		return new FilePrincipalDirectory(properties.file(), properties.reloadInterval());
	}

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "http")
	HttpPrincipalDirectory httpPrincipalDirectory(DirectoryProperties properties,
			ReactiveResilience4JCircuitBreakerFactory breakers, ObjectProvider<SslBundles> sslBundles, Clock clock,
			MeterRegistry meters) {
		DirectoryProperties.Http http = properties.http();
		if (http.baseUrl() == null || http.baseUrl().toString().isBlank()) {
			throw new IllegalStateException(
					"seta.directory.type is http but no user service is named: set seta.directory.http.base-url");
		}
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(http.connectTimeout(), http.responseTimeout());
		if (http.sslBundle() != null) {
			settings = settings.withSslBundle(sslBundles.getObject().getBundle(http.sslBundle()));
		}
		WebClient.Builder client = WebClient.builder()
			.baseUrl(http.baseUrl().toString())
			.clientConnector(ClientHttpConnectorBuilder.reactor().build(settings));
		if (http.bearerToken() != null && !http.bearerToken().isBlank()) {
			client.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + http.bearerToken());
		}
		DirectoryProperties.CircuitBreaker circuit = http.circuitBreaker();
		breakers.configure((builder) -> builder
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.failureRateThreshold(circuit.failureRateThreshold())
				.slidingWindowSize(circuit.slidingWindowSize())
				.minimumNumberOfCalls(circuit.minimumCalls())
				.waitDurationInOpenState(circuit.waitInOpenState())
				.permittedNumberOfCallsInHalfOpenState(1)
				.build())
			// the call has its own timeout; the limiter only must not cut it shorter
			.timeLimiterConfig(
					TimeLimiterConfig.custom().timeoutDuration(http.responseTimeout().plusSeconds(1)).build()),
				CIRCUIT);
		return new HttpPrincipalDirectory(client.build(), breakers.create(CIRCUIT), http, clock, meters);
	}

}
