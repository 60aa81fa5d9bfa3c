package eu.seta.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The store is chosen when the beans are made, not by conditions: with the beans generated ahead of time
 * (eu.seta.gateway.startup) conditions are decided when the build runs, and one build serves both stores. The beans
 * of the store not chosen are lazy and never made, so a memory-store gateway opens no Redis connection.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	static final String TYPE = StoreProperties.PREFIX + ".type";

	/** The store the token API uses: whichever is configured, timed. */
	@Bean
	@Primary
	SessionStore sessionStore(StoreProperties properties, ObjectProvider<InMemorySessionStore> memory,
			ObjectProvider<RedisSessionStore> redis, MeterRegistry meters) {
		SessionStore store = switch (properties.type()) {
			case MEMORY -> memory.getObject();
			case REDIS -> redis.getObject();
		};
		return new MeteredSessionStore(store, meters);
	}

	@Bean
	@Lazy
	InMemorySessionStore inMemorySessionStore(StoreProperties properties, Clock clock) {
		return new InMemorySessionStore(clock, properties.memory().maxSessions(), properties.memory().maxProofRecords());
	}

	@Bean
	@Lazy
	RedisSessionStore redisSessionStore(ReactiveStringRedisTemplate redis, StoreScripts scripts,
			StoreProperties properties, Clock clock) {
		return new RedisSessionStore(redis, scripts, properties.redis().keyPrefix(), clock);
	}

	/** The store's and the revocations' writes: acknowledged by replicas when wait-replicas asks for it. */
	@Bean
	@Lazy
	StoreScripts storeScripts(ReactiveStringRedisTemplate redis, LettuceConnectionFactory connections,
			StoreProperties properties) {
		StoreProperties.Redis settings = properties.redis();
		if (settings.waitReplicas() == 0) {
			return new SharedConnectionScripts(redis);
		}
		return new AcknowledgedScripts(connections.getRequiredNativeClient(), settings.waitReplicas(),
				settings.commandTimeout());
	}

	/**
	 * Lettuce's default waits up to 30 s between reconnection attempts, doubling each time: after a Sentinel
	 * failover or a restarted Redis the gateway would keep answering 503 long after Redis is back. At most a
	 * second apart, the connections follow within a second of the new master's announcement. (Nothing connects
	 * with the memory store, where this changes nothing.)
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinASecond() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	/**
	 * Each command waits at most {@code seta.store.redis.command-timeout}, bounded by Lettuce's own timer (one
	 * wheel for every command; this replaces {@code spring.data.redis.timeout}). The store's operations need no
	 * bound of their own then: a Reactor timeout per operation scheduled a task on the parallel scheduler, cancelled
	 * it, and looked up the subscriber context through the whole chain of a login's operators, 6 to 10 % of a
	 * login's gateway CPU (docs/PERFORMANCE.md).
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer commandsWithinTheStoreTimeout(StoreProperties properties) {
		return (configuration) -> configuration.commandTimeout(properties.redis().commandTimeout());
	}

	/**
	 * While Redis is away, commands fail at once instead of queueing until the timeout: the token API answers
	 * 503 at once, and Lettuce reconnects by itself when Redis is back.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return (options) -> options.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/** Only the Redis store shares a connection, opened before the gateway serves; the memory store opens none. */
	@Bean
	SmartInitializingSingleton sharedRedisConnection(StoreProperties properties,
			ObjectProvider<LettuceConnectionFactory> connections) {
		return switch (properties.type()) {
			case MEMORY -> () -> {
			};
			case REDIS -> new SharedRedisConnection(connections.getObject());
		};
	}

	/** The memory store is always up (the store is this process); present so the readiness group is the same. */
	@Bean
	ReactiveHealthIndicator sessionStoreHealthIndicator(StoreProperties properties,
			ObjectProvider<RedisSessionStore> redis) {
		return switch (properties.type()) {
			case MEMORY -> () -> Mono.just(Health.up().withDetail("type", "memory").build());
			case REDIS -> {
				RedisSessionStore store = redis.getObject();
				yield () -> store.ping()
					.map((pong) -> Health.up().withDetail("type", "redis").build())
					.onErrorResume((failure) -> Mono.just(
							Health.down().withDetail("type", "redis").withDetail("error", failure.getMessage()).build()));
			}
		};
	}

}
