package eu.seta.gateway.quota;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RequestRateLimiterGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;

/**
 * Spring Cloud Gateway's {@code RequestRateLimiter}, used in route YAML under that name, with two differences: a
 * refusal is thrown, so that the gateway's exception handler answers it with the JSON error body (429
 * {@code too_many_requests}) while the rate-limit headers and {@code Retry-After} the limiter set stay; and with
 * {@code seta.edge.quota.enabled=false} every route's filter is a pass-through, so a call pays nothing for it.
 */
final class QuotaGatewayFilterFactory extends RequestRateLimiterGatewayFilterFactory {

	private static final GatewayFilter PASS_THROUGH = (exchange, chain) -> chain.filter(exchange);

	private final boolean enabled;

	QuotaGatewayFilterFactory(RateLimiter<?> limiter, KeyResolver keys, boolean enabled) {
		super(limiter, keys);
		this.enabled = enabled;
		setThrowOnLimit(true);
	}

	@Override
	public String name() {
		return "RequestRateLimiter";
	}

	@Override
	public GatewayFilter apply(Config config) {
		return this.enabled ? super.apply(config) : PASS_THROUGH;
	}

}
