package eu.seta.gateway.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts refused bearer tokens by reason; reasons are a small fixed set, never anything from the token. */
final class RejectionCounter {

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	RejectionCounter(MeterRegistry meters) {
		this.meters = meters;
	}

	void count(String reason) {
		this.counters
			.computeIfAbsent(reason,
					(name) -> Counter.builder("seta.bearer.rejected")
						.description("Bearer tokens refused at the edge, by reason")
						.tag("reason", name)
						.register(this.meters))
			.increment();
	}

}
