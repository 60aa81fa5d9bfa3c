package eu.seta.gateway.crypto;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

	@Bean
	CryptoProvider cryptoProvider(CryptoProperties properties) {
		CryptoProvider provider = CryptoProvider.select(properties.provider());
		if (provider.fallbackReason() != null) {
			log.warn("Signatures use the JDK's providers ({}); set {}.provider=jdk to choose it explicitly",
					provider.fallbackReason(), CryptoProperties.PREFIX);
		}
		else {
			log.info("Signatures use {} ({}.provider={}), on {} crypto threads", provider.name(),
					CryptoProperties.PREFIX, properties.provider().name().toLowerCase(java.util.Locale.ROOT),
					properties.threadCount());
		}
		return provider;
	}

	@Bean
	CryptoWorkers cryptoWorkers(CryptoProperties properties) {
		return new CryptoWorkers(properties.threadCount());
	}

	/** {@code "crypto": {"provider": ..., "threads": ...}} at /actuator/info. */
	@Bean
	InfoContributor cryptoInfo(CryptoProvider provider, CryptoProperties properties) {
		return (info) -> info.withDetail("crypto",
				Map.of("provider", provider.name(), "threads", properties.threadCount()));
	}

}
