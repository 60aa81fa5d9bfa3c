package eu.seta.gateway.demo;

import eu.seta.gateway.edge.EdgeProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in backend, with the profile {@code demo} only. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

	@Bean
	DemoBackend demoBackend(@Value("${seta.demo.backend-port:8081}") int port, EdgeProperties edge,
			JsonMapper json) {
		return new DemoBackend(port, edge.identityHeaderPrefix(), json);
	}

}
