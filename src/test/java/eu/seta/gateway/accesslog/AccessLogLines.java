package eu.seta.gateway.accesslog;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines written to the access logger while attached. */
final class AccessLogLines implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	AccessLogLines() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * The lines once there are {@code count} of them: a line is written when the call's answer is complete, which
	 * can be just after the client has read it.
	 */
	List<JsonNode> await(int count) {
		Awaitility.await().untilAsserted(() -> assertThat(this.appender.list).hasSizeGreaterThanOrEqualTo(count));
		return lines();
	}

	List<JsonNode> lines() {
		JsonMapper json = JsonMapper.builder().build();
		return this.appender.list.stream().map((event) -> json.readTree(event.getFormattedMessage())).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
	}

}
