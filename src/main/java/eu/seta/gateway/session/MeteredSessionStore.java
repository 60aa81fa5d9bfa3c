package eu.seta.gateway.session;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * Times every store operation: {@code seta.store.operations{operation, outcome}}, outcome {@code success} or
 * {@code error}. The latency of Redis as the token API sees it, and how often it fails.
 */
final class MeteredSessionStore implements SessionStore {

	private final SessionStore store;

	private final MeterRegistry meters;

	MeteredSessionStore(SessionStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
	}

	@Override
	public Mono<Boolean> start(Session session, String proofHash, Instant proofExpiresAt) {
		return timed("start", this.store.start(session, proofHash, proofExpiresAt));
	}

	@Override
	public Mono<Rotation> rotate(SessionKey key, TokenHash presented, TokenHash next, Instant now, Duration idleTtl,
			Duration grace) {
		return timed("rotate", this.store.rotate(key, presented, next, now, idleTtl, grace));
	}

	@Override
	public Mono<Session> find(SessionKey key, TokenHash presented, Instant now) {
		return timed("find", this.store.find(key, presented, now));
	}

	@Override
	public Mono<String> revoke(SessionKey key) {
		return timed("revoke", this.store.revoke(key));
	}

	@Override
	public Mono<Long> revokeAll(String principalId) {
		return timed("revoke_all", this.store.revokeAll(principalId));
	}

	private <T> Mono<T> timed(String operation, Mono<T> call) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			return call.doOnSuccess((result) -> stop(sample, operation, "success"))
				.doOnError((failure) -> stop(sample, operation, "error"));
		});
	}

	private void stop(Timer.Sample sample, String operation, String outcome) {
		sample.stop(Timer.builder("seta.store.operations")
			.description("Session store operations, as the token API waits for them")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.meters));
	}

}
