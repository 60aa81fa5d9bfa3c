package eu.seta.gateway.routes;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import reactor.netty.http.client.HttpClient;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway finds its routes with its own lookup, and reaches them through a pool per event loop. */
class RouteLookupInGatewayTests extends GatewayIntegrationTest {

	@Autowired
	private RoutePredicateHandlerMapping mapping;

	@Autowired
	private HttpClient backends;

	@Test
	void theGatewaysLookupIsInPlaceOfSpringCloudGateways() {
		assertThat(this.mapping).isInstanceOf(RouteLookup.class);
	}

	@Test
	void theClientToTheBackendsPoolsPerEventLoop() {
		assertThat(this.backends.configuration().connectionProvider()).isInstanceOf(PoolPerEventLoop.class);
	}

	@Test
	void aProxiedCallReachesItsRoute() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		BACKEND.verify(getRequestedFor(urlEqualTo("/seta-ui/index.html")));
	}

}
