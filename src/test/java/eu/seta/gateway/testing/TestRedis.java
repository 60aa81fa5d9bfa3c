package eu.seta.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis for the tests, started by the suite on a free port so that no state is shared with anything else on
 * the machine: {@code redis-server} from PATH when there is one, else the binary that
 * {@code com.github.codemonstur:embedded-redis} brings. It can be stopped and started again on the same port, for
 * the fault tests. Nothing persists to disk.
 */
public final class TestRedis {

	private static TestRedis shared;

	private final int port;

	private final RedisServer server;

	private TestRedis(int port) {
		this.port = port;
		try {
			this.server = RedisServer.newRedisServer()
				.executableProvider(executable())
				.bind("127.0.0.1")
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The suite's one Redis, started on first use and stopped when the JVM ends. */
	public static synchronized TestRedis shared() {
		if (shared == null) {
			shared = new TestRedis(freePort());
			shared.start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
		}
		return shared;
	}

	/** A Redis of the caller's own, for a test that stops and restarts it; stopped when the JVM ends at the latest. */
	public static TestRedis dedicated() {
		TestRedis redis = new TestRedis(freePort());
		redis.start();
		Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
		return redis;
	}

	/** A started connection factory of Spring Data Redis to this server; the caller destroys it. */
	public LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.port));
		connections.afterPropertiesSet();
		connections.start();
		return connections;
	}

	public int port() {
		return this.port;
	}

	public synchronized void start() {
		try {
			if (!this.server.isActive()) {
				this.server.start();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitPort(true);
	}

	public synchronized void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitPort(false);
	}

	/** {@code SETA_TEST_REDIS=embedded} skips PATH, to check the fallback on a machine that has redis-server. */
	static ExecutableProvider executable() {
		if ("embedded".equals(System.getenv("SETA_TEST_REDIS"))) {
			return ExecutableProvider.newJarResourceProvider();
		}
		Optional<File> onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((dir) -> new File(dir, "redis-server"))
			.filter(File::canExecute)
			.findFirst();
		return onPath.<ExecutableProvider>map((file) -> () -> file).orElseGet(ExecutableProvider::newJarResourceProvider);
	}

	private void awaitPort(boolean open) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				if (open) {
					return;
				}
			}
			catch (IOException ex) {
				if (!open) {
					return;
				}
			}
			Thread.onSpinWait();
		}
		throw new IllegalStateException("Redis on port " + this.port + " did not " + (open ? "start" : "stop"));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
