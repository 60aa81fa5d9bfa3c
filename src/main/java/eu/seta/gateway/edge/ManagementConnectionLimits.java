package eu.seta.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The same limits and JSON refusals on the management port. Spring Boot serves it from a child context with a server
 * factory of its own, built by its constructor, so the main context's {@code NettyServerCustomizer} beans never reach
 * it (its decoder refusals were Reactor Netty's empty 400s); a factory customizer in the child does. Imported by
 * Spring Boot into the management context from {@code META-INF/spring/...ManagementContextConfiguration.imports};
 * deliberately no {@code @Configuration}, so that component scanning leaves it out of the main context.
 */
class ManagementConnectionLimits {

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementConnectionLimits(
			ConnectionProperties connections, MeterRegistry meters) {
		// no bearer token is the edge's to judge here: the management port has its own access rules
		return (factory) -> factory.addServerCustomizers(ConnectionLimits.customizer(connections,
				RefusalsBeforeExchange.perConnection(meters, "management", null)));
	}

}
