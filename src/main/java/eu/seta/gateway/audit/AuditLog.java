package eu.seta.gateway.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One structured line per security event on the logger {@value #LOGGER}, so that operators can route it apart from
 * the application log, and a count on the event's metric. The line is a JSON object whatever the log format:
 * {@code time, event, principal, client, session, reason} and, where it helps, {@code login}, {@code actor},
 * {@code count}, and {@code trace}: the trace id of the call it happened in, when tracing is on. It never holds a token, a signature or a key: sessions appear as a short hash, and values a client
 * chose (a username) are stripped of control characters.
 */
@Component
public class AuditLog {

	public static final String LOGGER = "seta.audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/** Only when tracing is on (eu.seta.gateway.tracing); off, there is no tracer to ask. */
	private final @Nullable Tracer tracer;

	AuditLog(MeterRegistry meters, Clock clock, ObjectProvider<Tracer> tracer) {
		this.meters = meters;
		this.clock = clock;
		this.tracer = tracer.getIfAvailable();
	}

	public Entry event(AuditEvent event) {
		return new Entry(event);
	}

	/** The fields of one event; {@link #record()} writes it. */
	public final class Entry {

		private final AuditEvent event;

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private @Nullable String reason;

		private long count = 1;

		private Entry(AuditEvent event) {
			this.event = event;
		}

		public Entry principal(@Nullable String principalId) {
			return put("principal", principalId);
		}

		public Entry client(@Nullable String address) {
			return put("client", address);
		}

		/** The short hash of the session (never the refresh token). */
		public Entry session(@Nullable String sessionLogId) {
			return put("session", sessionLogId);
		}

		/** A short code from a fixed set: it also tags the metric. */
		public Entry reason(String code) {
			this.reason = code;
			return put("reason", code);
		}

		/** The provider/username someone tried to log in as. */
		public Entry login(@Nullable Object login) {
			return put("login", (login != null) ? login.toString() : null);
		}

		/** Who did it, when it is not the principal itself (an administrator). */
		public Entry actor(@Nullable String actorId) {
			return put("actor", actorId);
		}

		public Entry count(long number) {
			this.count = number;
			return put("count", number);
		}

		private Entry put(String name, @Nullable Object value) {
			if (value != null) {
				this.fields.put(name, (value instanceof String text) ? clean(text) : value);
			}
			return this;
		}

		public void record() {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("time", AuditLog.this.clock.instant().toString());
			line.put("event", this.event.value());
			line.putAll(this.fields);
			String trace = currentTraceId();
			if (trace != null) {
				line.put("trace", trace);
			}
			Level level = (this.event == AuditEvent.REUSE_DETECTED) ? Level.WARN : Level.INFO;
			var builder = log.atLevel(level);
			for (Map.Entry<String, Object> field : line.entrySet()) {
				builder = builder.addKeyValue(field.getKey(), field.getValue());
			}
			builder.log(JSON.writeValueAsString(line));
			counter(this.event, this.event.reasonTag(this.reason)).increment(this.count);
		}

	}

	private @Nullable String currentTraceId() {
		if (this.tracer == null) {
			return null;
		}
		Span span = this.tracer.currentSpan();
		return (span != null) ? span.context().traceId() : null;
	}

	private Counter counter(AuditEvent event, @Nullable String reason) {
		return this.counters.computeIfAbsent(event.metric() + "|" + reason, (key) -> {
			Counter.Builder counter = Counter.builder(event.metric());
			return ((reason != null) ? counter.tag("reason", reason) : counter).register(this.meters);
		});
	}

	/** Values may come from the request (a username): no line breaks to forge audit lines with. */
	private static String clean(String value) {
		// looked over first: nearly every value is clean, and replaceAll compiles its pattern on every call
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return CONTROL.matcher(value).replaceAll("?");
			}
		}
		return value;
	}

}
