package eu.seta.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Many callers released at the same instant, for tests of what must happen exactly once. */
public final class Race {

	private Race() {
	}

	/** Runs {@code callers} copies of the call at once; the results in caller order. */
	public static <T> List<T> of(int callers, Callable<T> call) throws Exception {
		return of(callers, (i) -> call);
	}

	/** Runs caller {@code i}'s own call for each i at once; the results in caller order. */
	public static <T> List<T> of(int callers, IntFunction<Callable<T>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				Callable<T> call = calls.apply(i);
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
