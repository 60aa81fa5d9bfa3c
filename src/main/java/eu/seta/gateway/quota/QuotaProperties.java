package eu.seta.gateway.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quotas of proxied routes (each route sets its own with the {@code RequestRateLimiter} filter).
 *
 * @param enabled false turns every route's quota into a pass-through filter, whatever the routes say (benchmarks of
 * the bare edge; an emergency switch)
 */
@ConfigurationProperties(QuotaProperties.PREFIX)
public record QuotaProperties(@DefaultValue("true") boolean enabled) {

	public static final String PREFIX = "seta.edge.quota";

}
