package eu.seta.gateway.ratelimit;

import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.session.SessionStoreUnavailableException;
import eu.seta.gateway.support.Sha256;
import reactor.core.publisher.Mono;

/**
 * Budgets of failed login proofs.
 * <ul>
 * <li><b>Per client address</b>: every attempt takes a unit before any work is done ({@link #admit}), atomically,
 * so that racing attempts cannot all slip through; a successful login gives it back ({@link #succeeded}). An address
 * that spent its budget on failures gets 429 until it refills, whatever its next proof.</li>
 * <li><b>Per provider+username</b>: only failures spend it ({@link #failed}); once spent, further failures get 429
 * instead of 401. A correct proof is never refused by it, so that someone who knows a username cannot lock its
 * owner out by failing on purpose.</li>
 * </ul>
 * When the counters cannot be read the answer is {@link SessionStoreUnavailableException}: no limit is skipped.
 */
public final class FailedProofLimits {

	private final Buckets buckets;

	private final RateLimitProperties properties;

	FailedProofLimits(Buckets buckets, RateLimitProperties properties) {
		this.buckets = buckets;
		this.properties = properties;
	}

	/** Takes one unit of the address's budget; errors with {@link RateLimitedException} when it is spent. */
	public Mono<Void> admit(String address) {
		return take(addressKey(address), this.properties.perAddress());
	}

	/** The attempt succeeded: its unit goes back to the address. */
	public Mono<Void> succeeded(String address) {
		return guarded(this.buckets.giveBack(addressKey(address), this.properties.perAddress()));
	}

	/** The attempt failed: one unit of the login's budget; {@link RateLimitedException} when it was spent already. */
	public Mono<Void> failed(LoginName login) {
		return take(loginKey(login), this.properties.perLogin());
	}

	private Mono<Void> take(String key, RateLimitProperties.Budget budget) {
		return guarded(this.buckets.take(key, budget))
			.flatMap((take) -> take.taken() ? Mono.empty() : Mono.error(new RateLimitedException(take.retryAfter())));
	}

	/** The wait is bounded by the Redis client's command timeout ({@code seta.store.redis.command-timeout}). */
	private <T> Mono<T> guarded(Mono<T> operation) {
		return operation
			.onErrorMap((failure) -> new SessionStoreUnavailableException("rate-limit counters unavailable", failure));
	}

	private static String addressKey(String address) {
		return "a:" + Sha256.base64url(address);
	}

	private static String loginKey(LoginName login) {
		return "l:" + Sha256.base64url(login.provider() + "/" + login.username());
	}

}
