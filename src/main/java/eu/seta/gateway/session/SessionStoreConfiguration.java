package eu.seta.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	static final String TYPE = StoreProperties.PREFIX + ".type";

	/** The store the token API uses: whichever is configured, timed. */
	@Bean
	@Primary
	SessionStore sessionStore(ObjectProvider<InMemorySessionStore> memory, ObjectProvider<RedisSessionStore> redis,
			MeterRegistry meters) {
		SessionStore store = (redis.getIfAvailable() != null) ? redis.getObject() : memory.getObject();
		return new MeteredSessionStore(store, meters);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "memory", matchIfMissing = true)
	static class InMemory {

		@Bean
		InMemorySessionStore inMemorySessionStore(StoreProperties properties, Clock clock) {
			return new InMemorySessionStore(clock, properties.memory().maxSessions(),
					properties.memory().maxProofRecords());
		}

		/** Always up: the store is this process. Present so that the readiness group has the same members. */
		@Bean
		ReactiveHealthIndicator sessionStoreHealthIndicator() {
			return () -> Mono.just(Health.up().withDetail("type", "memory").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "redis")
	static class OnRedis {

		@Bean
		RedisSessionStore redisSessionStore(ReactiveStringRedisTemplate redis, StoreScripts scripts,
				StoreProperties properties, Clock clock) {
			return new RedisSessionStore(redis, scripts, properties.redis().keyPrefix(),
					properties.redis().commandTimeout(), clock);
		}

		/** The store's and the revocations' writes: acknowledged by replicas when wait-replicas asks for it. */
		@Bean
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
		 * second apart, the connections follow within a second of the new master's announcement.
		 */
		@Bean
		ClientResourcesBuilderCustomizer reconnectWithinASecond() {
			return (resources) -> resources.reconnectDelay(
					Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
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

		@Bean
		SharedRedisConnection sharedRedisConnection(LettuceConnectionFactory connections) {
			return new SharedRedisConnection(connections);
		}

		@Bean
		ReactiveHealthIndicator sessionStoreHealthIndicator(RedisSessionStore store) {
			return () -> store.ping()
				.map((pong) -> Health.up().withDetail("type", "redis").build())
				.onErrorResume((failure) -> Mono
					.just(Health.down().withDetail("type", "redis").withDetail("error", failure.getMessage()).build()));
		}

	}

}
