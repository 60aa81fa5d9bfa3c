package eu.seta.gateway.session;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Opens the one Redis connection the replicas' commands share before the gateway serves any call. Spring Data Redis
 * would open it on first use, blocking the thread that asked, and that thread would be an event loop or a crypto
 * worker (BlockHound caught it). Opened here at start-up, on a thread allowed to wait; when Redis is not reachable
 * yet, the gateway starts all the same (readiness reports the store down) and this keeps trying in the background.
 * Once open, Lettuce keeps the connection and reconnects it by itself; nothing opens one on a request's thread.
 */
final class SharedRedisConnection implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SharedRedisConnection.class);

	private final LettuceConnectionFactory connections;

	private volatile Disposable retrying = () -> {
	};

	SharedRedisConnection(LettuceConnectionFactory connections) {
		this.connections = connections;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!open()) {
			this.retrying = Flux.interval(Duration.ofSeconds(1), Schedulers.boundedElastic())
				.takeUntil((tick) -> open())
				.subscribe();
		}
	}

	private boolean open() {
		try (ReactiveRedisConnection connection = this.connections.getReactiveConnection()) {
			log.debug("Shared Redis connection open");
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Redis is not reachable yet ({}); the token API answers 503 until it is", ex.getMessage());
			return false;
		}
	}

	@Override
	public void destroy() {
		this.retrying.dispose();
	}

}
