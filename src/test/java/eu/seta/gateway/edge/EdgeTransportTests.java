package eu.seta.gateway.edge;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import io.netty.channel.uring.IoUring;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.HttpResources;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default ({@code auto}) the public port runs on io_uring wherever Netty can set up a ring here, else on
 * epoll, on Reactor Netty's own loops, and says which at /actuator/info.
 */
@Import(ExchangeThread.class)
class EdgeTransportTests extends GatewayIntegrationTest {

	@Autowired
	private ExchangeThread exchangeThread;

	@Autowired
	private EdgeTransport transport;

	@Autowired
	private HttpClient backends;

	@Test
	void aProxiedCallIsReadOnTheTransportTheGatewayNames() {
		String expected = IoUring.isAvailable() ? "io_uring" : "epoll";
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		BACKEND.verify(getRequestedFor(urlEqualTo("/seta-ui/index.html")));
		assertThat(this.transport.name()).isEqualTo(expected);
		// Reactor Netty names a loop by its transport: reactor-http-io_uring-1, or webflux-http-... on Spring's own
		assertThat(this.exchangeThread.last.get().getName()).contains("-http-" + expected + "-");
		assertThat(this.transport.info()).containsEntry("transport", expected);
	}

	@Test
	void theBackendsAreCalledOnReactorNettysOwnLoops() {
		assertThat(this.transport.loops()).isNull();
		assertThat(this.backends.configuration().loopResources()).isSameAs(HttpResources.get());
	}

	@Test
	void theServersLoopsRefuseToBlock() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		assertThat(this.exchangeThread.last.get()).isInstanceOf(NonBlocking.class)
			.isInstanceOf(FastThreadLocalThread.class);
	}

}
