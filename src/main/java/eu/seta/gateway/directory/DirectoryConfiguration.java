package eu.seta.gateway.directory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

	@Bean
	@ConditionalOnProperty(name = DirectoryProperties.PREFIX + ".type", havingValue = "file", matchIfMissing = true)
	FilePrincipalDirectory filePrincipalDirectory(DirectoryProperties properties) {
		return new FilePrincipalDirectory(properties.file(), properties.reloadInterval());
	}

}
