package eu.seta.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.session.SessionStoreUnavailableException;
import eu.seta.gateway.support.Sha256;
import io.github.bucket4j.EstimationProbe;
import reactor.core.publisher.Mono;

/**
 * Budgets of failed login proofs, per client address and per provider+username. Only failures spend them, so a
 * client that logs in correctly is never slowed; once a budget is spent, every attempt it covers is refused with
 * 429 until it refills, whether its proof would be right or not. When the counters cannot be read the answer is
 * {@link SessionStoreUnavailableException}: no limit is ever skipped.
 */
public final class FailedProofLimits {

	private final Buckets buckets;

	private final RateLimitProperties properties;

	private final Duration timeout;

	FailedProofLimits(Buckets buckets, RateLimitProperties properties, Duration timeout) {
		this.buckets = buckets;
		this.properties = properties;
		this.timeout = timeout;
	}

	/** Completes when both budgets have room; errors with {@link RateLimitedException} when one is spent. */
	public Mono<Void> check(String address, LoginName login) {
		return Mono
			.zip(call(() -> this.buckets.estimate(addressKey(address), this.properties.perAddress())),
					call(() -> this.buckets.estimate(loginKey(login), this.properties.perLogin())))
			.flatMap((probes) -> {
				long wait = Math.max(waitNanos(probes.getT1()), waitNanos(probes.getT2()));
				return (wait > 0) ? Mono.error(new RateLimitedException(Duration.ofNanos(wait))) : Mono.<Void>empty();
			});
	}

	/** Spends one failure of each budget. */
	public Mono<Void> recordFailure(String address, LoginName login) {
		return Mono
			.when(call(() -> this.buckets.consume(addressKey(address), this.properties.perAddress())),
					call(() -> this.buckets.consume(loginKey(login), this.properties.perLogin())));
	}

	private <T> Mono<T> call(java.util.function.Supplier<CompletableFuture<T>> operation) {
		return Mono.fromFuture(operation)
			.timeout(this.timeout)
			.onErrorMap((failure) -> !(failure instanceof RateLimitedException),
					(failure) -> new SessionStoreUnavailableException("rate-limit counters unavailable", failure));
	}

	private static long waitNanos(EstimationProbe probe) {
		return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
	}

	private static String addressKey(String address) {
		return "a:" + Sha256.base64url(address);
	}

	private static String loginKey(LoginName login) {
		return "l:" + Sha256.base64url(login.provider() + "/" + login.username());
	}

}
