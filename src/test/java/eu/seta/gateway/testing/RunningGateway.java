package eu.seta.gateway.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.seta.gateway.SetaGatewayApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A whole gateway process of its own, for tests that need several replicas or must break what one depends on.
 * It uses the standard test directory and signing keys, and whatever settings the test adds.
 */
public final class RunningGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final TokenClient tokens;

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
		this.tokens = new TokenClient(port());
	}

	/** @param settings added to, or replacing, the standard ones; a null value leaves that setting unset */
	public static RunningGateway start(Map<String, ?> settings) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("seta.directory.file", StandardDirectory.file().toString());
		properties.put("seta.keys.directory", TestSigningKeys.directory().toString());
		// one issuer for every replica a test starts, as in a deployment behind one URL
		properties.put("seta.token.issuer", "http://localhost:8080");
		// as in GatewayIntegrationTest: reuse is presenting a replaced token again at once
		properties.put("seta.token.refresh-grace", "0s");
		properties.putAll(settings);
		properties.values().removeIf(java.util.Objects::isNull);
		// as command-line arguments, so that they win over ./config/application.yml
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SetaGatewayApplication.class,
				OwnNettyResources.class)
			// the class whose generated initializer a start with spring.aot.enabled runs (AheadOfTimeStartTests);
			// by default Spring Boot names the one whose main method is on the stack, the test runner's
			.main(SetaGatewayApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run(arguments);
		return new RunningGateway(context);
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** The status of {@code /actuator/health/readiness}; a loaded machine may answer late, so the caller's deadline decides. */
	public int readinessStatus() {
		return management().mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	public WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.context.getEnvironment().getRequiredProperty("local.management.port"))
			.build();
	}

	public TokenClient tokens() {
		return this.tokens;
	}

	public WebTestClient web() {
		return this.tokens.web();
	}

	/** The status of a proxied call to the search route with this access token: what the edge decided. */
	public int searchStatus(String accessToken) {
		return web().get()
			.uri("/seta-search/api/v1/corpus")
			.header("Authorization", "Bearer " + accessToken)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** Every bean of that type, none when the gateway has none. */
	public <T> java.util.Collection<T> beans(Class<T> type) {
		return this.context.getBeansOfType(type).values();
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Event loops of this gateway's own. With Reactor Netty's global ones (Spring Boot's default), closing this
	 * gateway would dispose them under every other gateway of the test JVM, whose calls to backends then hang.
	 * Without a quiet period, as spring.reactor.netty.shutdown-quiet-period gives Spring Boot's own factory in the
	 * tests: this one is built here, so that setting never reaches it, and Netty's default of 2 s made every
	 * {@link #close()} wait that long.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			resources.setShutdownQuietPeriod(Duration.ZERO);
			return resources;
		}

	}

}
