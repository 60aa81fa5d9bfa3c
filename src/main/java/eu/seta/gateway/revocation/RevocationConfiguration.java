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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

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

	/**
	 * Chosen when the beans are made, as the session store is (see SessionStoreConfiguration): the beans of the
	 * store not chosen are lazy and never made, so with the memory store nothing subscribes to Redis.
	 */
	@Bean(destroyMethod = "")
	@Primary
	Revocations revocations(StoreProperties store, ObjectProvider<LocalRevocations> local,
			ObjectProvider<RedisRevocations> redis) {
		return switch (store.type()) {
			case MEMORY -> local.getObject();
			case REDIS -> redis.getObject();
		};
	}

	@Bean
	@Lazy
	LocalRevocations localRevocations(RevocationList list, Clock clock) {
		return new LocalRevocations(list, clock);
	}

	@Bean
	RevocationKeys revocationKeys(StoreProperties store) {
		return RevocationKeys.of(store.redis().keyPrefix());
	}

	@Bean
	@Lazy
	RedisRevocations redisRevocations(StoreScripts scripts, RevocationKeys keys, RevocationList list, Clock clock) {
		return new RedisRevocations(scripts, keys, list, clock);
	}

	@Bean
	@Lazy
	RevocationFeed revocationFeed(LettuceConnectionFactory connections, ReactiveStringRedisTemplate redis,
			RevocationKeys keys, RevocationList list, MeterRegistry meters) {
		return new RevocationFeed(connections, redis, keys, list, meters);
	}

	/**
	 * With Redis, down until this replica has caught up with Redis: it may have missed revocations while away.
	 * In memory always up (the list is the truth); present so that the readiness group has the same members.
	 */
	@Bean
	ReactiveHealthIndicator revocationsHealthIndicator(StoreProperties store, ObjectProvider<RevocationFeed> feeds) {
		return switch (store.type()) {
			case MEMORY -> () -> Mono.just(Health.up().withDetail("type", "memory").build());
			case REDIS -> {
				RevocationFeed feed = feeds.getObject();
				yield () -> Mono.just(feed.isSynced() ? Health.up().withDetail("type", "redis").build()
						: Health.down()
							.withDetail("type", "redis")
							.withDetail("reason", "not subscribed and reloaded")
							.build());
			}
		};
	}

}
