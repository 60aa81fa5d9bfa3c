package eu.seta.gateway.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** One counter per value of one tag, registered on first use; the values must be a small fixed set. */
public final class TaggedCounters {

	private final MeterRegistry meters;

	private final String name;

	private final String tag;

	private final String description;

	private final Tags fixed;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public TaggedCounters(MeterRegistry meters, String name, String tag, String description) {
		this(meters, name, tag, description, Tags.empty());
	}

	/** @param fixed tags every counter of this set carries beside the varying one */
	public TaggedCounters(MeterRegistry meters, String name, String tag, String description, Tags fixed) {
		this.meters = meters;
		this.name = name;
		this.tag = tag;
		this.description = description;
		this.fixed = fixed;
	}

	public void increment(String value) {
		this.counters
			.computeIfAbsent(value,
					(v) -> Counter.builder(this.name)
						.description(this.description)
						.tags(this.fixed)
						.tag(this.tag, v)
						.register(this.meters))
			.increment();
	}

}
