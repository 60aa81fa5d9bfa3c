package eu.seta.gateway.audit;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A value a client chose cannot break an audit line in two, in the JSON message or in the structured fields. */
class AuditLogTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);

	private final ListAppender<ILoggingEvent> written = new ListAppender<>();

	private final AuditLog audit = new AuditLog(new SimpleMeterRegistry(), Clock.systemUTC(),
			new StaticListableBeanFactory().getBeanProvider(Tracer.class));

	@BeforeEach
	void attach() {
		this.written.start();
		this.logger.addAppender(this.written);
	}

	@AfterEach
	void detach() {
		this.logger.detachAppender(this.written);
	}

	@Test
	void controlCharactersOfAClientsValueBecomeQuestionMarks() {
		this.audit.event(AuditEvent.PROOF_REJECTED)
			.login("github/evil\r\n{\"event\":\"token_issued\"}\u0000\u007f")
			.client("203.0.113.9")
			.record();
		ILoggingEvent line = this.written.list.get(0);
		String expected = "github/evil??{\"event\":\"token_issued\"}??";
		assertThat(fields(line)).containsEntry("login", expected).containsEntry("client", "203.0.113.9");
		JsonNode json = JsonMapper.builder().build().readTree(line.getFormattedMessage());
		assertThat(json.get("login").stringValue()).isEqualTo(expected);
		assertThat(json.get("event").stringValue()).isEqualTo("proof_rejected");
	}

	@Test
	void aCleanValueIsWrittenAsItCame() {
		this.audit.event(AuditEvent.PROOF_REJECTED).login("ECAS/Jean-Luc.Dupont@example.eu").record();
		assertThat(fields(this.written.list.get(0))).containsEntry("login", "ECAS/Jean-Luc.Dupont@example.eu")
			.doesNotContainKey("client");
	}

	private static Map<String, Object> fields(ILoggingEvent line) {
		return line.getKeyValuePairs().stream().collect(Collectors.toMap((pair) -> pair.key, (pair) -> pair.value));
	}

}
