package eu.seta.gateway.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A W3C trace context ({@code traceparent}, version 00) as a caller or a backend sees it. */
record TraceContext(String traceId, String parentId, String flags) {

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A fresh sampled context, as a caller that traces would send it. */
	static TraceContext random() {
		return new TraceContext(hex(16), hex(8), "01");
	}

	static TraceContext parse(String traceparent) {
		Matcher matcher = TRACEPARENT.matcher(traceparent);
		assertThat(matcher.matches()).as("a valid traceparent: %s", traceparent).isTrue();
		return new TraceContext(matcher.group(1), matcher.group(2), matcher.group(3));
	}

	String header() {
		return "00-" + this.traceId + "-" + this.parentId + "-" + this.flags;
	}

	/** The trace id as OTLP's protobuf carries it: 16 raw bytes. */
	byte[] traceIdBytes() {
		return HexFormat.of().parseHex(this.traceId);
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
