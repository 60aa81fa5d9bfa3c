package eu.seta.gateway.keys;

import eu.seta.gateway.crypto.CryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningKeysConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningKeysConfiguration.class);

	@Bean
	SigningKeys signingKeys(SigningKeysProperties properties, CryptoProvider crypto) {
		if (properties.directory() != null) {
			return new ReloadingSigningKeys(properties.directory(), properties.activeKid(), properties.reloadInterval(),
					crypto);
		}
		KeySet generated = GeneratedKeys.generate(properties.generatedAlgorithm(), crypto);
		log.warn("""

				*** No signing key configured (seta.keys.directory): generated a {} key '{}' for DEVELOPMENT ONLY. ***
				*** Tokens die with this process and other replicas reject them. Mount real keys in production.  ***""",
				generated.active().algorithm(), generated.active().kid());
		return () -> generated;
	}

}
