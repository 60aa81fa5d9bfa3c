package eu.seta.gateway.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import eu.seta.gateway.revocation.RevocationList;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TokenPair;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;

/**
 * How long a revocation takes to reach another replica, for the benchmark (bench/run.sh), not a test: two gateways
 * in this JVM on one Redis (random ports; the Redis is the caller's), a login on A, then the clock starts as A is
 * asked to revoke the session, and stops when B's revocation list refuses the token (polled without pause on
 * another thread than the one that revokes). Prints p50, p99 and the maximum over the revocations, after some
 * uncounted ones to warm both JVMs.
 * <p>
 * Usage: {@code RevocationPropagationProbe <redis port> <revocations>}
 */
public final class RevocationPropagationProbe {

	private static final int WARM_UP = 50;

	private static final long GIVE_UP_NANOS = Duration.ofSeconds(10).toNanos();

	private RevocationPropagationProbe() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		int count = Integer.parseInt(args[1]);
		Map<String, Object> settings = Map.of("seta.store.type", "redis", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", Integer.toString(port), "seta.store.redis.key-prefix", "propagation-probe:",
				"seta.rate-limit.failures-per-address", "1000000", "logging.level.root", "WARN",
				"logging.level.seta.audit", "WARN");
		try (RunningGateway a = RunningGateway.start(settings); RunningGateway b = RunningGateway.start(settings)) {
			RevocationList onB = b.bean(RevocationList.class);
			for (int i = 0; i < WARM_UP; i++) {
				propagation(a, onB);
			}
			long[] nanos = new long[count];
			for (int i = 0; i < count; i++) {
				nanos[i] = propagation(a, onB);
			}
			Arrays.sort(nanos);
			System.out.printf("propagation-p50-ms=%.2f propagation-p99-ms=%.2f propagation-max-ms=%.2f revocations=%d%n",
					millis(nanos[count / 2]), millis(nanos[(int) Math.ceil(count * 0.99) - 1]), millis(nanos[count - 1]),
					count);
		}
		System.exit(0);
	}

	private static long propagation(RunningGateway a, RevocationList onB) {
		TokenPair pair = a.tokens().login(ALICE, ALICE_KEY.getPrivate());
		JsonNode claims = Jwts.claims(pair.accessToken());
		String sid = claims.get("sid").asString();
		long iat = claims.get("iat").asLong();
		if (onB.refuses(ALICE.id(), sid, iat)) {
			throw new IllegalStateException("refused before the revocation");
		}
		long start = System.nanoTime();
		CompletableFuture<Void> revoked = CompletableFuture.runAsync(() -> a.web()
			.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", pair.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk());
		long elapsed;
		do {
			elapsed = System.nanoTime() - start;
			if (elapsed > GIVE_UP_NANOS) {
				throw new IllegalStateException("B did not learn of the revocation within 10 s");
			}
		}
		while (!onB.refuses(ALICE.id(), sid, iat));
		revoked.join();
		return elapsed;
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
