package eu.seta.gateway.edge;

import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Takes Spring Cloud Gateway's header filters whose work the edge does in its own single pass over each message
 * ({@link BackendRequestHeaders}, {@link BackendResponseHeaders}) out of the application context. Each of them
 * copies every header of every request (and the hop-by-hop one every response too) into a new map, which the
 * profile of a proxied call showed as the largest share of the gateway's own CPU time. Their gRPC pair is switched
 * off by {@code server.http2.enabled: false} (the gateway serves HTTP/1.1, and gRPC needs HTTP/2 end to end).
 * <p>
 * Should a later Spring Cloud Gateway rename these beans, nothing is removed and its filters simply run again:
 * slower, never less strict.
 */
final class GatewayHeaderFilters implements BeanDefinitionRegistryPostProcessor {

	static final List<String> REPLACED = List.of("removeHopByHopHeadersFilter", "removeForwardedHeadersFilter",
			"removeXForwardedHeadersFilter");

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		for (String name : REPLACED) {
			if (registry.containsBeanDefinition(name)) {
				registry.removeBeanDefinition(name);
			}
		}
	}

}
