package eu.seta.gateway.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** One counter per value of one tag, registered on first use; the values must be a small fixed set. */
public final class TaggedCounters {

	private final MeterRegistry meters;

	private final String name;

	private final String tag;

	private final String description;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public TaggedCounters(MeterRegistry meters, String name, String tag, String description) {
		this.meters = meters;
		this.name = name;
		this.tag = tag;
		this.description = description;
	}

	public void increment(String value) {
		this.counters
			.computeIfAbsent(value,
					(v) -> Counter.builder(this.name).description(this.description).tag(this.tag, v).register(this.meters))
			.increment();
	}

}
