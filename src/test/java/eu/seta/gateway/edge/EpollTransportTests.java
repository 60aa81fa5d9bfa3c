package eu.seta.gateway.edge;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code seta.edge.connection.transport=epoll}: epoll for the public port and the calls to backends even where
 * io_uring would run (on this machine it does), on loops that behave as Reactor Netty's.
 */
@TestPropertySource(properties = "seta.edge.connection.transport=epoll")
class EpollTransportTests extends TransportTest {

	@Test
	void aProxiedCallIsReadOnAnEpollLoopOfTheGatewaysOwn() {
		Thread loop = loopOfAProxiedCall();
		assertThat(this.transport.name()).isEqualTo("epoll");
		assertThat(this.transport.info()).containsEntry("transport", "epoll");
		assertThat(loop.getName()).startsWith("reactor-http-epoll-");
		assertThat(loop.getClass().getName()).startsWith(EdgeTransport.class.getName());
	}

	@Test
	void theBackendsAreCalledOnTheSameLoops() {
		assertThat(this.transport.loops()).isNotNull();
		assertThat(this.backends.configuration().loopResources()).isSameAs(this.transport.loops());
		// colocated: a loop that asks for a connection opens it on itself, which the pools per event loop rely on
		var loops = this.transport.loops();
		var server = loops.onServer(true);
		var client = loops.onClient(true);
		var one = server.next();
		Mono<Object> nextOnLoop = Mono.create((sink) -> one.execute(() -> sink.success(client.next())));
		assertThat(nextOnLoop.block()).isSameAs(one);
	}

	@Test
	void itsLoopsRefuseToBlock() {
		Thread loop = loopOfAProxiedCall();
		assertThat(loop).isInstanceOf(NonBlocking.class).isInstanceOf(FastThreadLocalThread.class);
		var error = new AtomicReference<Throwable>();
		Mono.<Void>create((sink) -> this.transport.loops().onServer(true).next().execute(() -> {
			try {
				Mono.never().block(Duration.ofMillis(10));
			}
			catch (Throwable ex) {
				error.set(ex);
			}
			sink.success();
		})).block();
		assertThat(error.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("blocking");
	}

}
