package eu.seta.gateway.session;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	@Bean
	@ConditionalOnProperty(name = StoreProperties.PREFIX + ".type", havingValue = "memory", matchIfMissing = true)
	SessionStore inMemorySessionStore(StoreProperties properties, Clock clock) {
		return new InMemorySessionStore(clock, properties.memory().maxSessions(), properties.memory().maxProofRecords());
	}

}
