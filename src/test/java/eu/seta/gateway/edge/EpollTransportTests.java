package eu.seta.gateway.edge;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.http.client.HttpClient;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code seta.edge.connection.transport=epoll}: epoll for the public port and the calls to backends even where
 * io_uring would run (on this machine it does), on loops that behave as Reactor Netty's.
 */
@Import(ExchangeThread.class)
@TestPropertySource(properties = "seta.edge.connection.transport=epoll")
class EpollTransportTests extends GatewayIntegrationTest {

	@Autowired
	private ExchangeThread exchangeThread;

	@Autowired
	private EdgeTransport transport;

	@Autowired
	private HttpClient backends;

	@Test
	void aProxiedCallIsReadOnAnEpollLoopOfTheGatewaysOwn() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		BACKEND.verify(getRequestedFor(urlEqualTo("/seta-ui/index.html")));
		assertThat(this.transport.name()).isEqualTo("epoll");
		assertThat(this.transport.info()).containsEntry("transport", "epoll");
		Thread loop = this.exchangeThread.last.get();
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
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		Thread loop = this.exchangeThread.last.get();
		assertThat(loop).isInstanceOf(NonBlocking.class).isInstanceOf(FastThreadLocalThread.class);
		var error = new java.util.concurrent.atomic.AtomicReference<Throwable>();
		Mono.<Void>create((sink) -> this.transport.loops().onServer(true).next().execute(() -> {
			try {
				Mono.never().block(java.time.Duration.ofMillis(10));
			}
			catch (Throwable ex) {
				error.set(ex);
			}
			sink.success();
		})).block();
		assertThatIllegalStateException().isThrownBy(() -> {
			throw (RuntimeException) error.get();
		}).withMessageContaining("blocking");
	}

}
