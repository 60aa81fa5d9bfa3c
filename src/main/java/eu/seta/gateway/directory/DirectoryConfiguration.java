package eu.seta.gateway.directory;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

	static final String TYPE = DirectoryProperties.PREFIX + ".type";

	static final String CIRCUIT = "user-service";

	/**
	 * Chosen when the beans are made, not by conditions: with the beans generated ahead of time
	 * (eu.seta.gateway.startup) conditions are decided when the build runs, and one build serves both directories.
	 * The one not chosen is lazy and never made. The chosen one is closed as the bean it is, not a second time
	 * under this name.
	 */
	@Bean(destroyMethod = "")
	@Primary
	PrincipalDirectory principalDirectory(DirectoryProperties properties, ObjectProvider<FilePrincipalDirectory> file,
			ObjectProvider<HttpPrincipalDirectory> http) {
		return switch (properties.type()) {
			case FILE -> file.getObject();
			case HTTP -> http.getObject();
		};
	}

	@Bean
	@Lazy
	FilePrincipalDirectory filePrincipalDirectory(DirectoryProperties properties) {
		return new FilePrincipalDirectory(properties.file(), properties.reloadInterval());
	}

	@Bean
	@Lazy
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
