package eu.seta.gateway.audit;

import java.util.Locale;

/** The security events the gateway records, one audit line each. */
public enum AuditEvent {

	TOKEN_ISSUED, PROOF_REJECTED, PROOF_REPLAYED, RATE_LIMITED, TOKEN_REFRESHED, REFRESH_REJECTED, REUSE_DETECTED,
	SESSION_REVOKED, SESSIONS_REVOKED_BY_ADMIN;

	/** The name written in the log line, e.g. {@code reuse_detected}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
