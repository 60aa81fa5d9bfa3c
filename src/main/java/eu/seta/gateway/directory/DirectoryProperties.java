package eu.seta.gateway.directory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway learns who may log in.
 *
 * @param type {@code file} (a YAML file) or {@code http} (the platform's user service)
 * @param file the YAML principal directory: a top-level list {@code principals:}
 * @param reloadInterval how often the file is checked for changes
 * @param http the user service, when {@code type} is {@code http}
 */
@Validated
@ConfigurationProperties(DirectoryProperties.PREFIX)
record DirectoryProperties(@DefaultValue("file") @NotNull Type type,
		@DefaultValue("config/principals.yml") @NotNull Path file,
		@DefaultValue("5s") @NotNull Duration reloadInterval, @DefaultValue @Valid Http http) {

	static final String PREFIX = "seta.directory";

	enum Type {

		FILE, HTTP

	}

	/**
	 * @param baseUrl the user service, e.g. {@code https://users.seta.svc:8443/api}; lookups go to
	 * {@code {base-url}/principals}
	 * @param bearerToken sent as {@code Authorization: Bearer}; set it from a Secret (environment variable
	 * {@code SETA_DIRECTORY_HTTP_BEARER_TOKEN}), never in a file
	 * @param sslBundle a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) for TLS trust and mutual TLS
	 * @param connectTimeout longest wait to connect to the user service
	 * @param responseTimeout longest wait for an answer
	 * @param positiveTtl how long a found principal is used before asking again
	 * @param negativeTtl how long "no such principal" is believed
	 * @param staleLimit while the user service is down, a principal seen within this time keeps working
	 * @param cacheSize most answers kept
	 * @param circuitBreaker when to stop calling a failing user service for a while
	 */
	record Http(@Nullable URI baseUrl, @Nullable String bearerToken, @Nullable String sslBundle,
			@DefaultValue("1s") @NotNull Duration connectTimeout, @DefaultValue("2s") @NotNull Duration responseTimeout,
			@DefaultValue("30s") @NotNull Duration positiveTtl, @DefaultValue("5s") @NotNull Duration negativeTtl,
			@DefaultValue("10m") @NotNull Duration staleLimit, @DefaultValue("10000") @Positive long cacheSize,
			@DefaultValue @Valid CircuitBreaker circuitBreaker) {
	}

	/**
	 * @param failureRateThreshold percentage of failed calls, among the last {@code slidingWindowSize}, that opens the
	 * circuit
	 * @param slidingWindowSize calls looked at
	 * @param minimumCalls calls needed before the rate counts
	 * @param waitInOpenState how long an open circuit refuses calls before letting a few through to test
	 */
	record CircuitBreaker(@DefaultValue("50") @Positive float failureRateThreshold,
			@DefaultValue("10") @Positive int slidingWindowSize, @DefaultValue("5") @Positive int minimumCalls,
			@DefaultValue("30s") @NotNull Duration waitInOpenState) {
	}

}
