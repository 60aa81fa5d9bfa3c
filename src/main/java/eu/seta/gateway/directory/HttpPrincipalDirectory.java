package eu.seta.gateway.directory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import eu.seta.gateway.support.Caches;
import eu.seta.gateway.support.ClockTicker;
import eu.seta.gateway.support.TaggedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The principal directory of a SeTA deployment: the platform's user service, asked over HTTP (contract in
 * {@code docs/user-service-api.md}). Answers are cached: a found principal for {@code positive-ttl}, "none" for
 * {@code negative-ttl}; concurrent lookups of one principal share a single call. Calls are bounded by timeouts and a
 * circuit breaker. While the service cannot answer, a principal seen within {@code stale-limit} keeps working from
 * its last answer; anyone else gets {@link DirectoryUnavailableException} (the token API's 503). An answer that is
 * not a valid principal is refused the same way and logged, never turned into a token.
 */
final class HttpPrincipalDirectory implements PrincipalDirectory {

	private static final Logger log = LoggerFactory.getLogger(HttpPrincipalDirectory.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebClient client;

	private final ReactiveCircuitBreaker breaker;

	private final Duration responseTimeout;

	private final AsyncCache<String, Answer> answers;

	private final Cache<String, Principal> lastKnown;

	private final TaggedCounters lookups;

	private final Ticker ticker;

	HttpPrincipalDirectory(WebClient client, ReactiveCircuitBreaker breaker, DirectoryProperties.Http settings,
			Clock clock, MeterRegistry meters) {
		this.client = client;
		this.breaker = breaker;
		this.responseTimeout = settings.responseTimeout();
		this.ticker = ClockTicker.of(clock);
		this.answers = Caches.newBuilder()
			.maximumSize(settings.cacheSize())
			.ticker(this.ticker)
			.expireAfter(new FromAsking(settings.positiveTtl(), settings.negativeTtl()))
			.recordStats()
			.buildAsync();
		this.lastKnown = Caches.newBuilder()
			.maximumSize(settings.cacheSize())
			.ticker(ClockTicker.of(clock))
			.expireAfterWrite(settings.staleLimit())
			.build();
		this.lookups = new TaggedCounters(meters, "seta.directory.lookups", "outcome",
				"Calls to the user service, by outcome");
		CaffeineCacheMetrics.monitor(meters, this.answers.synchronous(), "seta.directory");
	}

	/**
	 * One answer about a principal: found or not; stale when it came from memory while the service was down; failed
	 * when there was none to give. Failures travel as values, not as failed futures, so that the cache forgets them
	 * at once without logging a stack trace for every caller that was waiting on them.
	 */
	record Answer(Optional<Principal> principal, boolean stale, @Nullable RuntimeException failure, long askedAt) {

		static Answer of(Optional<Principal> principal, long askedAt) {
			return new Answer(principal, false, null, askedAt);
		}

		static Answer failed(RuntimeException failure) {
			return new Answer(Optional.empty(), false, failure, 0);
		}

		boolean keep() {
			return !this.stale && this.failure == null;
		}

	}

	@Override
	public Mono<Principal> findByLogin(LoginName login) {
		return lookup("login:" + login.provider() + "\n" + login.username(),
				() -> fetch((uri) -> uri.path("/principals")
					.queryParam("provider", login.provider())
					.queryParam("username", login.username())
					.build()))
			.flatMap(this::withOwnerStatus);
	}

	@Override
	public Mono<Principal> findById(String id) {
		return lookup("id:" + id, () -> fetch((uri) -> uri.path("/principals/{id}").build(id)))
			.flatMap(this::withOwnerStatus);
	}

	/** An application whose owner is disabled or gone is disabled too. */
	private Mono<Principal> withOwnerStatus(Principal principal) {
		if (principal.type() != PrincipalType.APPLICATION || principal.owner() == null) {
			return Mono.just(principal);
		}
		return findById(principal.owner())
			.map((owner) -> owner.type() == PrincipalType.USER && owner.isActive())
			.defaultIfEmpty(false)
			.map((ownerActive) -> ownerActive ? principal : principal.withStatus(PrincipalStatus.DISABLED));
	}

	private Mono<Principal> lookup(String key, Supplier<Mono<Optional<Principal>>> call) {
		CompletableFuture<Answer> answer = this.answers.get(key, (name, executor) -> ask(name, call).toFuture());
		return Mono.fromFuture(answer, true)
			.flatMap((found) -> (found.failure() != null) ? Mono.error(found.failure())
					: Mono.justOrEmpty(found.principal()));
	}

	private Mono<Answer> ask(String key, Supplier<Mono<Optional<Principal>>> call) {
		return Mono.defer(() -> {
			long askedAt = this.ticker.read();
			Mono<Optional<Principal>> guarded = Mono.defer(call).timeout(this.responseTimeout);
			return this.breaker.run(guarded, Mono::error).map((principal) -> {
				this.lookups.increment(principal.isPresent() ? "found" : "not_found");
				principal.ifPresent((found) -> this.lastKnown.put(key, found));
				return Answer.of(principal, askedAt);
			});
		}).onErrorResume((failure) -> Mono.just(fallback(key, failure)));
	}

	/**
	 * Found principals for the positive TTL, "none" for the negative one, stale or failed answers not at all; each
	 * counted from when it was asked, not from when it arrived: the service may have changed its mind while the
	 * answer travelled, and a withdrawal must reach the edge within the TTL of the question however slow the answer.
	 */
	private record FromAsking(Duration positiveTtl, Duration negativeTtl) implements Expiry<String, Answer> {

		@Override
		public long expireAfterCreate(String key, Answer answer, long now) {
			if (!answer.keep()) {
				return 0;
			}
			long ttl = (answer.principal().isPresent() ? this.positiveTtl : this.negativeTtl).toNanos();
			return Math.max(0, ttl - (now - answer.askedAt()));
		}

		@Override
		public long expireAfterUpdate(String key, Answer answer, long now, long currentDuration) {
			return expireAfterCreate(key, answer, now);
		}

		@Override
		public long expireAfterRead(String key, Answer answer, long now, long currentDuration) {
			return currentDuration;
		}

	}

	private Answer fallback(String key, Throwable failure) {
		if (failure instanceof MalformedAnswerException) {
			this.lookups.increment("malformed");
			log.error("The user service answered a {} lookup with something that is no valid principal: {}",
					key.substring(0, key.indexOf(':')), failure.getMessage());
			return Answer.failed(new DirectoryUnavailableException("the user service answered nonsense", failure));
		}
		Principal last = this.lastKnown.getIfPresent(key);
		if (last != null) {
			this.lookups.increment("stale");
			log.warn("The user service is unavailable ({}); using its last answer for a principal", failure.toString());
			return new Answer(Optional.of(last), true, null, 0);
		}
		this.lookups.increment("unavailable");
		log.warn("The user service is unavailable: {}", failure.toString());
		return Answer.failed(new DirectoryUnavailableException("the user service is unavailable", failure));
	}

	private Mono<Optional<Principal>> fetch(java.util.function.Function<UriBuilder, URI> uri) {
		return this.client.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono(this::read);
	}

	private Mono<Optional<Principal>> read(ClientResponse response) {
		if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
			return response.releaseBody().thenReturn(Optional.empty());
		}
		if (!response.statusCode().is2xxSuccessful()) {
			return response.releaseBody()
				.then(Mono.error(new IllegalStateException("user service answered " + response.statusCode().value())));
		}
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.map((body) -> Optional.of(parse(body)));
	}

	/** The answer body as a principal; anything else is a {@link MalformedAnswerException}. */
	static Principal parse(byte[] body) {
		Object json;
		try {
			json = JSON.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw new MalformedAnswerException("not JSON");
		}
		if (!(json instanceof Map<?, ?>)) {
			throw new MalformedAnswerException("not a JSON object");
		}
		try {
			return PrincipalEntries.parse(json);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedAnswerException(ex.getMessage());
		}
	}

	/** Not a failure of the service's availability: it answered, wrongly. The circuit counts it all the same. */
	static final class MalformedAnswerException extends RuntimeException {

		MalformedAnswerException(@Nullable String reason) {
			super(reason, null, false, false);
		}

	}

}
