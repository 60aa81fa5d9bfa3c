package eu.seta.gateway.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where refresh sessions and proof records live.
 *
 * @param type {@code memory} for a single instance
 * @param memory bounds of the in-memory store
 */
@Validated
@ConfigurationProperties(StoreProperties.PREFIX)
record StoreProperties(@DefaultValue("memory") @NotNull Type type, @DefaultValue @Valid Memory memory) {

	static final String PREFIX = "seta.store";

	enum Type {

		MEMORY

	}

	/**
	 * @param maxSessions most sessions kept; beyond it the least used are evicted (about 0.5 KiB each)
	 * @param maxProofRecords most replay records kept (about 0.2 KiB each)
	 */
	record Memory(@DefaultValue("100000") @Positive long maxSessions,
			@DefaultValue("200000") @Positive long maxProofRecords) {
	}

}
