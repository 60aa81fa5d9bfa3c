package eu.seta.gateway.session;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where refresh sessions, proof records and rate-limit counters live.
 *
 * @param type {@code memory} for a single instance, {@code redis} for any number of replicas sharing one Redis
 * (connection through the standard {@code spring.data.redis.*} settings)
 * @param memory bounds of the in-memory store
 * @param redis settings of the Redis store
 */
@Validated
@ConfigurationProperties(StoreProperties.PREFIX)
public record StoreProperties(@DefaultValue("memory") @NotNull Type type, @DefaultValue @Valid Memory memory,
		@DefaultValue @Valid Redis redis) {

	public static final String PREFIX = "seta.store";

	private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9:._-]{0,64}");

	public enum Type {

		MEMORY, REDIS

	}

	/**
	 * @param maxSessions most sessions kept; beyond it the least used are evicted (about 0.5 KiB each)
	 * @param maxProofRecords most replay records kept (about 0.2 KiB each)
	 */
	public record Memory(@DefaultValue("100000") @Positive long maxSessions,
			@DefaultValue("200000") @Positive long maxProofRecords) {
	}

	/**
	 * @param keyPrefix put before every key, so that several environments can share one Redis; no braces, they
	 * would change the Redis Cluster hash slot
	 * @param commandTimeout longest wait for one Redis command (the client's command timeout, in place of
	 * {@code spring.data.redis.timeout}), and for an acknowledged write as a whole; after it the token API answers 503
	 * @param waitReplicas replicas that must have acknowledged a session write (login, refresh, revocation) before it
	 * is answered ({@code WAIT}, within the command timeout); when fewer do, the client gets 503 and no token. 0
	 * answers as soon as the master has the write, which a failover in the next moment can lose
	 */
	public record Redis(@DefaultValue("seta:") @NotNull String keyPrefix,
			@DefaultValue("500ms") @NotNull Duration commandTimeout, @DefaultValue("0") @PositiveOrZero int waitReplicas) {

		public Redis {
			if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
				throw new IllegalArgumentException(PREFIX + ".redis.key-prefix must match " + KEY_PREFIX.pattern()
						+ ", was '" + keyPrefix + "'");
			}
			if (commandTimeout.isNegative() || commandTimeout.isZero()) {
				throw new IllegalArgumentException(PREFIX + ".redis.command-timeout must be positive");
			}
		}

	}

}
