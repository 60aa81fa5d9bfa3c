package eu.seta.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's caches keep themselves up on the thread that uses them, never on a pool thread woken for it. */
class CachesTests {

	@Test
	void evictsOnTheWritingThreadBeforeThePutReturns() {
		AtomicReference<Thread> evictedOn = new AtomicReference<>();
		Cache<String, String> cache = Caches.newBuilder()
			.maximumSize(1)
			.evictionListener((key, value, cause) -> evictedOn.set(Thread.currentThread()))
			.<String, String>build();

		cache.put("first", "1");
		cache.put("second", "2");

		// Caffeine's default would evict later, on ForkJoinPool.commonPool(): nothing recorded yet, or another thread
		assertThat(evictedOn.get()).isSameAs(Thread.currentThread());
		assertThat(cache.asMap()).hasSize(1);
	}

	@Test
	void expiresOnTheReadingThread() {
		AtomicReference<Thread> expiredOn = new AtomicReference<>();
		long[] now = { 0 };
		Cache<String, String> cache = Caches.newBuilder()
			.ticker(() -> now[0])
			.expireAfterWrite(Duration.ofNanos(10))
			.evictionListener((key, value, cause) -> expiredOn.set(Thread.currentThread()))
			.<String, String>build();
		cache.put("token", "caller");

		now[0] = 11;
		assertThat(cache.getIfPresent("token")).isNull();

		assertThat(expiredOn.get()).isSameAs(Thread.currentThread());
	}

	@Test
	void everyCacheOfTheGatewayIsBuiltThroughCaches() throws IOException {
		List<String> elsewhere = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
				if (!source.endsWith(Path.of("eu/seta/gateway/support/Caches.java"))
						&& Files.readString(source).contains("Caffeine.newBuilder(")) {
					elsewhere.add(source.toString());
				}
			}
		}
		assertThat(elsewhere).as("caches built with Caffeine's default upkeep on ForkJoinPool.commonPool()").isEmpty();
	}

}
