package eu.seta.gateway.testing;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fuzz targets share: running one input through a parser and saying how it ended and what it cost. The
 * cost is counted in bytes allocated by the calling thread (HotSpot's per-thread counter), not in time: it is the
 * same on a loaded machine and an idle one, so a target can assert it without becoming a timing test. The bound is
 * generous (an input may cost a parser hundreds of times its size); what it catches is amplification, a few
 * kilobytes that make a parser build megabytes (alias bombs, huge numbers, nesting).
 * <p>
 * A call that loads classes is run again and the second run is the one measured: loading (and, while fuzzing,
 * Jazzer's instrumentation of what is loaded) allocates on the calling thread, hundreds of megabytes for a library
 * met for the first time, and that is no cost of the input. Every parser here is deterministic for one input.
 */
public final class Fuzzing {

	/** What any one input may cost beyond its share per byte: room for first-use class initialisation. */
	private static final long BASE_ALLOCATION = 32L * 1024 * 1024;

	private static final long ALLOCATION_PER_INPUT_BYTE = 4 * 1024;

	private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Fuzzing() {
	}

	/**
	 * How a call ended: with a value or with a throwable (errors included, so that a target can say which ones its
	 * contract allows), and the bytes it allocated.
	 */
	public record Outcome<T>(@Nullable T value, @Nullable Throwable failure, long allocatedBytes,
			boolean loadedClasses) {

		public boolean accepted() {
			return this.failure == null;
		}

		/** The allocation stayed within what an input of this size may cost. */
		public Outcome<T> withinBoundsFor(int inputBytes) {
			if (this.loadedClasses) {
				return this; // still loading after three runs: nothing to measure the input by
			}
			assertThat(this.allocatedBytes).as("bytes allocated for an input of %d bytes", inputBytes)
				.isLessThanOrEqualTo(BASE_ALLOCATION + ALLOCATION_PER_INPUT_BYTE * inputBytes);
			return this;
		}

		/** Refused with exactly the given type (or a subtype); anything else fails the target with its cause. */
		public <X extends Throwable> X refusedWith(Class<X> type) {
			assertThat(this.failure).as("refusal").isNotNull();
			if (!type.isInstance(this.failure)) {
				throw new AssertionError("refused with an unexpected " + this.failure, this.failure);
			}
			return type.cast(this.failure);
		}

	}

	public static <T> Outcome<T> run(Callable<T> call) {
		Outcome<T> outcome = once(call);
		for (int retry = 0; retry < 3 && outcome.loadedClasses(); retry++) {
			outcome = once(call);
		}
		return outcome;
	}

	private static <T> Outcome<T> once(Callable<T> call) {
		long classes = CLASSES.getTotalLoadedClassCount();
		long before = THREADS.getCurrentThreadAllocatedBytes();
		T value = null;
		Throwable failure = null;
		try {
			value = call.call();
		}
		catch (Throwable ex) {
			// StackOverflowError and OutOfMemoryError included: the target decides, and reports them as findings
			failure = ex;
		}
		long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
		return new Outcome<>(value, failure, allocated, CLASSES.getTotalLoadedClassCount() != classes);
	}

	/** Fuzzer bytes as text the way a server would decode them: invalid UTF-8 becomes U+FFFD. */
	public static String text(byte[] input) {
		return new String(input, StandardCharsets.UTF_8);
	}

}
