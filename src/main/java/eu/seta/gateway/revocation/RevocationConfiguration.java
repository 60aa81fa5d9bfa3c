package eu.seta.gateway.revocation;

import java.time.Clock;
import java.time.Duration;

import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.edge.EdgeProperties;
import eu.seta.gateway.issuers.TrustedIssuersProperties;
import eu.seta.gateway.session.SessionStore;
import eu.seta.gateway.session.StoreProperties;
import eu.seta.gateway.session.StoreScripts;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

	static final String STORE_TYPE = StoreProperties.PREFIX + ".type";

	/** Kept until every token it covers has expired: the longest a token lives, plus the skew the edge allows. */
	@Bean
	RevocationList revocationList(TokenProperties tokens, EdgeProperties edge, RevocationProperties properties,
			MeterRegistry meters) {
		Duration retention = tokens.accessTokenTtl().plus(edge.clockSkew());
		RevocationList list = new RevocationList(retention.toMillis(), properties.maxEntries());
		Gauge.builder("seta.revocations.known", list, RevocationList::sessionCount)
			.description("Revocations this replica holds in memory")
			.tag("kind", "session")
			.register(meters);
		Gauge.builder("seta.revocations.known", list, RevocationList::principalCount)
			.description("Revocations this replica holds in memory")
			.tag("kind", "principal")
			.register(meters);
		return list;
	}

	/** Off the request path, on a thread of its own kind: dropping expired entries scans the maps. */
	@Bean(destroyMethod = "dispose")
	Disposable revocationSweeper(RevocationList list, RevocationProperties properties, Clock clock) {
		return Flux.interval(properties.sweepInterval(), Schedulers.boundedElastic())
			.subscribe((tick) -> list.sweep(clock.millis()));
	}

	@Bean
	DirectoryWatch directoryWatch(PrincipalDirectory directory, SessionStore store, Revocations revocations,
			AuditLog audit, Clock clock, TokenProperties tokens, RevocationProperties properties,
			TrustedIssuersProperties trustedIssuers) {
		return new DirectoryWatch(directory, store, revocations, audit, clock, tokens.accessTokenTtl(),
				properties.maxEntries(), trustedIssuers.providers());
	}

	/** One pass at a time: a slow directory delays the next pass rather than piling passes up. */
	@Bean(destroyMethod = "dispose")
	Disposable directoryWatchSchedule(DirectoryWatch watch, RevocationProperties properties) {
		return Flux.interval(properties.directoryCheckInterval(), Schedulers.boundedElastic())
			.onBackpressureDrop()
			.concatMap((tick) -> watch.check(), 1)
			.subscribe();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = STORE_TYPE, havingValue = "memory", matchIfMissing = true)
	static class InMemory {

		@Bean
		LocalRevocations revocations(RevocationList list, Clock clock) {
			return new LocalRevocations(list, clock);
		}

		/** Always up: the list is the truth. Present so that the readiness group has the same members. */
		@Bean
		ReactiveHealthIndicator revocationsHealthIndicator() {
			return () -> Mono.just(Health.up().withDetail("type", "memory").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = STORE_TYPE, havingValue = "redis")
	static class OnRedis {

		@Bean
		RevocationKeys revocationKeys(StoreProperties store) {
			return RevocationKeys.of(store.redis().keyPrefix());
		}

		@Bean
		RedisRevocations revocations(StoreScripts scripts, RevocationKeys keys, RevocationList list,
				StoreProperties store, Clock clock) {
			return new RedisRevocations(scripts, keys, list, store.redis().commandTimeout(), clock);
		}

		@Bean
		RevocationFeed revocationFeed(LettuceConnectionFactory connections, ReactiveStringRedisTemplate redis,
				RevocationKeys keys, RevocationList list, MeterRegistry meters) {
			return new RevocationFeed(connections, redis, keys, list, meters);
		}

		/** Down until this replica has caught up with Redis: it may have missed revocations while away. */
		@Bean
		ReactiveHealthIndicator revocationsHealthIndicator(RevocationFeed feed) {
			return () -> Mono.just(feed.isSynced() ? Health.up().withDetail("type", "redis").build()
					: Health.down().withDetail("type", "redis").withDetail("reason", "not subscribed and reloaded").build());
		}

	}

}
