package eu.seta.gateway.edge;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * Puts the public port's server and Spring Cloud Gateway's client to the backends on the chosen transport. Decided
 * when the beans are made, not by conditions, so that the beans generated ahead of time serve either choice.
 */
@Configuration(proxyBeanMethods = false)
class EdgeTransportConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EdgeTransportConfiguration.class);

	@Bean(destroyMethod = "dispose")
	EdgeTransport edgeTransport(ConnectionProperties connections) {
		EdgeTransport transport = EdgeTransport.of(connections.transport());
		log.info("The public port and the calls to backends run on {} ({}.transport={})", transport.name(),
				ConnectionProperties.PREFIX, connections.transport().name().toLowerCase(Locale.ROOT));
		return transport;
	}

	/**
	 * Spring Boot runs the server on the loops of its {@link ReactorResourceFactory}, after every server customizer:
	 * that factory is where the server's loops are chosen. Reactor Netty's global resources stay as they are.
	 */
	@Bean
	static BeanPostProcessor edgeTransportOfServer(ObjectProvider<EdgeTransport> transport) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof ReactorResourceFactory resources) {
					LoopResources loops = transport.getObject().loops();
					if (loops != null) {
						resources.setUseGlobalResources(false);
						resources.setLoopResources(loops);
					}
				}
				return bean;
			}
		};
	}

	@Bean
	HttpClientCustomizer edgeTransportOfBackendCalls(EdgeTransport transport) {
		return (client) -> (transport.loops() != null) ? client.runOn(transport.loops()) : client;
	}

	/** {@code "network": {"transport": ...}} at /actuator/info. */
	@Bean
	InfoContributor transportInfo(EdgeTransport transport) {
		return (info) -> info.withDetail("network", transport.info());
	}

}
