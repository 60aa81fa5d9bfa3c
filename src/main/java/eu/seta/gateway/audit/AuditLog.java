package eu.seta.gateway.audit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * One line per security event on the logger {@value #LOGGER}, so operators can route it apart from the
 * application log. Fields are key-value pairs (they become JSON fields with structured logging); a line never holds
 * a token, a signature or a key, only ids and hashes.
 */
@Component
public class AuditLog {

	public static final String LOGGER = "seta.audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	public void record(AuditEvent event, @Nullable String principalId, @Nullable String client,
			@Nullable String session, @Nullable String reason) {
		Level level = (event == AuditEvent.REUSE_DETECTED) ? Level.WARN : Level.INFO;
		principalId = clean(principalId);
		client = clean(client);
		reason = clean(reason);
		log.atLevel(level)
			.addKeyValue("event", event.value())
			.addKeyValue("principal", principalId)
			.addKeyValue("client", client)
			.addKeyValue("session", session)
			.addKeyValue("reason", reason)
			.log("{} principal={} client={} session={} reason={}", event.value(), principalId, client, session,
					reason);
	}

	/** Values may come from the request (a username in a reason): no line breaks to forge audit lines with. */
	private static @Nullable String clean(@Nullable String value) {
		return (value == null) ? null : value.replaceAll("\\p{Cntrl}", "?");
	}

}
