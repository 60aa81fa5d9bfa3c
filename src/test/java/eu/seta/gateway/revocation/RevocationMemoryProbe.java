package eu.seta.gateway.revocation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import eu.seta.gateway.testing.RedisInspector;

/**
 * What a revoked session costs, for the benchmark (bench/run.sh), not a test: the heap of one replica's
 * {@link RevocationList} (measured around adding them, after full collections) and the sorted set in Redis
 * ({@code MEMORY USAGE}), each divided by the number of sessions. Session ids as the gateway makes them: 16
 * base64url characters.
 * <p>
 * Usage: {@code RevocationMemoryProbe <redis port> <sessions>}
 */
public final class RevocationMemoryProbe {

	private RevocationMemoryProbe() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		int sessions = Integer.parseInt(args[1]);
		String[] ids = new String[sessions];
		byte[] bytes = new byte[12];
		for (int i = 0; i < sessions; i++) {
			ThreadLocalRandom.current().nextBytes(bytes);
			ids[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		long now = System.currentTimeMillis();
		long before = usedHeapAfterGc();
		RevocationList list = new RevocationList(3_630_000, sessions + 1);
		for (int i = 0; i < sessions; i++) {
			list.apply(new Revocation.OfSession(ids[i], now + i));
		}
		long after = usedHeapAfterGc();
		// the ids themselves are counted: the list holds the ones it received, and nothing else does
		long heapPerSession = (after - before + (long) sessions * idBytes(ids[0])) / sessions;
		String key = RevocationKeys.of("memory-probe:").sessions();
		long redisPerSession;
		try (RedisInspector inspector = new RedisInspector(port)) {
			inspector.commands().del(key);
			for (int from = 0; from < sessions; from += 1000) {
				Object[] scoresAndMembers = new Object[Math.min(1000, sessions - from) * 2];
				for (int i = 0; i < scoresAndMembers.length / 2; i++) {
					scoresAndMembers[2 * i] = (double) (now + from + i);
					scoresAndMembers[2 * i + 1] = ids[from + i];
				}
				inspector.commands().zadd(key, scoresAndMembers);
			}
			redisPerSession = inspector.commands().memoryUsage(key) / sessions;
			inspector.commands().del(key);
		}
		double emptyNanos = nanosPerCheck(new RevocationList(3_630_000, 1));
		double fullNanos = nanosPerCheck(list);
		System.out.printf("heap-bytes-per-revoked-session=%d redis-bytes-per-revoked-session=%d sessions=%d listed=%d "
				+ "check-ns-empty=%.1f check-ns-full=%.1f%n", heapPerSession, redisPerSession, sessions,
				list.sessionCount(), emptyNanos, fullNanos);
	}

	/**
	 * What the edge asks on every proxied call, for a token that is not revoked (the common case): the same
	 * strings every time, as the cached caller holds them. Best of five rounds, after a warm-up.
	 */
	private static double nanosPerCheck(RevocationList list) {
		String principal = "u-bench";
		String session = "AAAAAAAAAAAAAAAA";
		int calls = 20_000_000;
		double best = Double.MAX_VALUE;
		int refused = 0;
		for (int round = 0; round < 6; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < calls; i++) {
				refused += list.refuses(principal, session, i) ? 1 : 0;
			}
			if (round > 0) {
				best = Math.min(best, (System.nanoTime() - start) / (double) calls);
			}
		}
		if (refused != 0) {
			throw new IllegalStateException("refused a token that is not revoked");
		}
		return best;
	}

	/**
	 * A String of 16 Latin-1 characters: its object and its byte array, as a 64-bit JVM with compressed oops lays
	 * them out.
	 */
	private static long idBytes(String id) {
		return 24 + 16 + ((id.length() + 7) / 8) * 8;
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
