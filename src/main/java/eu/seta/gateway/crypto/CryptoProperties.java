package eu.seta.gateway.crypto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How signatures are computed.
 *
 * @param provider {@code auto}: the native Amazon Corretto Crypto Provider where it loads (Linux x86-64), the JDK
 * elsewhere; {@code jdk}: always the JDK's own providers
 * @param threads threads for RSA and EC work (login proofs, token signing); 0 means one per core. Fewer keep
 * cores free for proxying while logins run, at the price of login capacity
 */
@Validated
@ConfigurationProperties(CryptoProperties.PREFIX)
public record CryptoProperties(@DefaultValue("auto") @NotNull Choice provider,
		@DefaultValue("0") @PositiveOrZero int threads) {

	public static final String PREFIX = "seta.crypto";

	public enum Choice {

		AUTO, JDK

	}

	int threadCount() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
