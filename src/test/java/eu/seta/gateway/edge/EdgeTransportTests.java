package eu.seta.gateway.edge;

import io.netty.channel.uring.IoUring;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.http.HttpResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default ({@code auto}) the public port runs on io_uring wherever Netty can set up a ring here, else on
 * epoll, on Reactor Netty's own loops, and says which at /actuator/info.
 */
class EdgeTransportTests extends TransportTest {

	@Test
	void aProxiedCallIsReadOnTheTransportTheGatewayNames() {
		String expected = IoUring.isAvailable() ? "io_uring" : "epoll";
		Thread loop = loopOfAProxiedCall();
		assertThat(this.transport.name()).isEqualTo(expected);
		// Reactor Netty names a loop by its transport: reactor-http-io_uring-1, or webflux-http-... on Spring's own
		assertThat(loop.getName()).contains("-http-" + expected + "-");
		assertThat(this.transport.info()).containsEntry("transport", expected);
	}

	@Test
	void theBackendsAreCalledOnReactorNettysOwnLoops() {
		assertThat(this.transport.loops()).isNull();
		assertThat(this.backends.configuration().loopResources()).isSameAs(HttpResources.get());
	}

	@Test
	void theServersLoopsRefuseToBlock() {
		assertThat(loopOfAProxiedCall()).isInstanceOf(NonBlocking.class).isInstanceOf(FastThreadLocalThread.class);
	}

}
