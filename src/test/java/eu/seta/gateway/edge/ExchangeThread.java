package eu.seta.gateway.edge;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/** Remembers the thread the last exchange was handled on: the server's event loop that read it. */
@TestConfiguration(proxyBeanMethods = false)
class ExchangeThread {

	final AtomicReference<Thread> last = new AtomicReference<>();

	@Bean
	WebFilter exchangeThreadRecorder() {
		return (exchange, chain) -> {
			this.last.set(Thread.currentThread());
			return chain.filter(exchange);
		};
	}

}
