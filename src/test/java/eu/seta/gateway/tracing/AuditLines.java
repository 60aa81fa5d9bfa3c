package eu.seta.gateway.tracing;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.seta.gateway.audit.AuditLog;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit lines written while attached. */
final class AuditLines implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	AuditLines() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/** The lines of one event, e.g. {@code token_issued}. */
	List<JsonNode> of(String event) {
		JsonMapper json = JsonMapper.builder().build();
		return List.copyOf(this.appender.list)
			.stream()
			.map((line) -> json.readTree(line.getFormattedMessage()))
			.filter((line) -> event.equals(line.path("event").stringValue("")))
			.toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
	}

}
