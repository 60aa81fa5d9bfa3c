package eu.seta.gateway.reload;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} when a cheap fingerprint of mounted files (modification times, sizes) changes.
 * <p>
 * Polling rather than a {@code WatchService}: Kubernetes updates ConfigMap and Secret volumes by swapping a
 * {@code ..data} symlink, which inotify-based watches on the file itself miss. The file reads happen on this
 * poller's own thread, never on a request thread.
 */
public final class ChangePoller implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangePoller.class);

	private final String name;

	private final Supplier<Object> fingerprint;

	private final Runnable onChange;

	private final ScheduledExecutorService scheduler;

	private Object lastFingerprint;

	public ChangePoller(String name, Duration interval, Supplier<Object> fingerprint, Runnable onChange) {
		this.name = Objects.requireNonNull(name, "name");
		this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
		this.onChange = Objects.requireNonNull(onChange, "onChange");
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("reload interval of " + name + " must be positive, was " + interval);
		}
		this.lastFingerprint = fingerprint.get();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "seta-reload-" + name);
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void poll() {
		try {
			Object current = this.fingerprint.get();
			if (!current.equals(this.lastFingerprint)) {
				this.lastFingerprint = current;
				this.onChange.run();
			}
		}
		catch (RuntimeException ex) {
			// a failed poll must not cancel the schedule: the next one may succeed
			log.warn("Checking {} for changes failed: {}", this.name, ex.toString());
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
