package eu.seta.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import static org.awaitility.Awaitility.await;

/**
 * One {@code redis-server} process of a topology the suite builds (Cluster, Sentinel group), started on a free port
 * of 127.0.0.1 in a folder of its own, with nothing persisted, and killed with the JVM at the latest. Unlike
 * {@link TestRedis} it can be killed hard ({@link #kill()}), as a crashed node is.
 */
public final class RedisNode implements AutoCloseable {

	/** One set of Lettuce threads for every node's connection: a client of its own each would start its own. */
	private static final ClientResources RESOURCES = DefaultClientResources.create();

	private final int port;

	private final Path folder;

	private final Process process;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisNode(int port, Path folder, Process process) {
		this.port = port;
		this.folder = folder;
		this.process = process;
	}

	/** A Redis server; {@code arguments} are added to its command line ({@code --cluster-enabled yes}, ...). */
	public static RedisNode server(String... arguments) {
		return servers(1, arguments).get(0);
	}

	/** Several, started side by side: a loaded machine takes seconds to start each. */
	public static List<RedisNode> servers(int count, String... arguments) {
		List<RedisNode> nodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			nodes.add(launchServer(arguments));
		}
		List<RedisNode> started = new ArrayList<>();
		for (RedisNode node : nodes) {
			// another process on the machine may have taken the free port between our look and the server's bind
			RedisNode attempt = node;
			for (int retry = 0; !attempt.awaitUp() && retry < 3; retry++) {
				attempt.close();
				attempt = launchServer(arguments);
			}
			started.add(attempt);
		}
		return started;
	}

	private static RedisNode launchServer(String... arguments) {
		int port = freePort();
		// a replica's first sync starts at once, not after the 5 s Redis waits by default for more replicas
		List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0"));
		command.addAll(List.of(arguments));
		return launch(port, command, null);
	}

	/** Sentinels watching the master {@code masterName} at {@code masterPort}, quick to declare it down. */
	public static List<RedisNode> sentinels(int count, String masterName, int masterPort, int quorum,
			Duration downAfter) {
		List<RedisNode> nodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int port = freePort();
			String config = String.join("\n", "port " + port, "bind 127.0.0.1",
					"sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " " + quorum,
					"sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
					"sentinel failover-timeout " + masterName + " 10000", "sentinel parallel-syncs " + masterName + " 1",
					"");
			// Sentinel rewrites its configuration file as it learns the group, so it gets one it may write
			nodes.add(launch(port, new ArrayList<>(List.of(binary())), config));
		}
		for (RedisNode node : nodes) {
			if (!node.awaitUp()) {
				throw new IllegalStateException("Sentinel on port " + node.port + " did not start: " + node.log());
			}
		}
		return nodes;
	}

	private static RedisNode launch(int port, List<String> command, String sentinelConfig) {
		try {
			Path folder = Files.createTempDirectory("seta-redis-" + port + "-");
			if (sentinelConfig != null) {
				Path file = folder.resolve("sentinel.conf");
				Files.writeString(file, sentinelConfig);
				command.addAll(List.of(file.toString(), "--sentinel"));
			}
			else {
				command.addAll(List.of("--dir", folder.toString()));
			}
			Process process = new ProcessBuilder(command).directory(folder.toFile())
				.redirectErrorStream(true)
				.redirectOutput(folder.resolve("redis.log").toFile())
				.start();
			RedisNode node = new RedisNode(port, folder, process);
			Runtime.getRuntime().addShutdownHook(new Thread(node::close));
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether this very process answers on its port: false when it died (its port was taken first). A server that
	 * answers with another process id is someone else's.
	 */
	private boolean awaitUp() {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.ignoreExceptions()
			.until(() -> !this.process.isAlive()
					|| Long.toString(this.process.pid()).equals(info("server").get("process_id")));
		return this.process.isAlive();
	}

	private String log() {
		try {
			return Files.readString(this.folder.resolve("redis.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	public int port() {
		return this.port;
	}

	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/** A connection of the test's own to this node alone (no cluster routing), opened on first use. */
	public synchronized RedisCommands<String, String> commands() {
		if (this.connection == null) {
			this.client = RedisClient.create(RESOURCES, RedisURI.create("127.0.0.1", this.port));
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	/** INFO of one section as a map, e.g. {@code replication}. */
	public Map<String, String> info(String section) {
		return Stream.of(commands().info(section).split("\r?\n"))
			.filter((line) -> line.contains(":") && !line.startsWith("#"))
			.collect(java.util.stream.Collectors.toMap((line) -> line.substring(0, line.indexOf(':')),
					(line) -> line.substring(line.indexOf(':') + 1), (a, b) -> b));
	}

	/** The replication offset this master has written so far. */
	public long writtenOffset() {
		return Long.parseLong(info("replication").get("master_repl_offset"));
	}

	/**
	 * The offset this master's (first) replica has acknowledged, as the master knows it ({@code ROLE}). Replicas
	 * acknowledge by themselves once a second, and at once only when a client waits ({@code WAIT}).
	 */
	public long acknowledgedOffset() {
		List<Object> role = commands().role();
		@SuppressWarnings("unchecked")
		List<Object> replica = (List<Object>) ((List<Object>) role.get(2)).get(0);
		return Long.parseLong(String.valueOf(replica.get(2)));
	}

	/** SIGKILL, as a crash: no shutdown, no last write to the replicas. */
	public void kill() {
		closeConnection();
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		kill();
		try (Stream<Path> files = Files.walk(this.folder)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a temporary folder left behind is no reason to fail a test
		}
	}

	private synchronized void closeConnection() {
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			this.client = null;
			this.connection = null;
		}
	}

	private static String binary() {
		try {
			return TestRedis.executable().get().getAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
