package eu.seta.gateway.testing;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.seta.gateway.audit.AuditLog;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit lines written while attached, as the JSON objects operators get, whatever the console format. */
public final class AuditLines implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	public AuditLines() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/** The lines of this event, in the order written (an audit line is written before the call is answered). */
	public List<JsonNode> of(String event) {
		return List.copyOf(this.appender.list)
			.stream()
			.map((line) -> JSON.readTree(line.getFormattedMessage()))
			.filter((line) -> event.equals(line.path("event").stringValue("")))
			.toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
	}

}
