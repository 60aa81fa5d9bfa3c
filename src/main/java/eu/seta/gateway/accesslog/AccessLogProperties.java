package eu.seta.gateway.accesslog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access log of proxied calls.
 *
 * @param enabled one JSON line per call on the logger {@code seta.access}; off by default, and then nothing of it
 * runs on a call
 */
@ConfigurationProperties(AccessLogProperties.PREFIX)
public record AccessLogProperties(@DefaultValue("false") boolean enabled) {

	public static final String PREFIX = "seta.edge.access-log";

}
