package eu.seta.gateway.audit;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The security events the gateway records: one audit line each, and a count on the metric named here. Events
 * that share a metric tell themselves apart by its {@code reason} tag.
 */
public enum AuditEvent {

	TOKEN_ISSUED("seta.tokens.issued", "none"),

	PROOF_REJECTED("seta.proofs.rejected", null),

	PROOF_REPLAYED("seta.proofs.rejected", "replayed"),

	RATE_LIMITED("seta.ratelimit.refused", "failed_proof_budget"),

	TOKEN_REFRESHED("seta.tokens.refreshed", "none"),

	REFRESH_REJECTED("seta.refresh.rejected", null),

	REUSE_DETECTED("seta.refresh.reuse.detected", "none"),

	SESSION_REVOKED("seta.sessions.revoked", null),

	SESSIONS_REVOKED_BY_ADMIN("seta.sessions.revoked", "admin");

	private final String metric;

	private final @Nullable String fixedReason;

	AuditEvent(String metric, @Nullable String fixedReason) {
		this.metric = metric;
		this.fixedReason = fixedReason;
	}

	/** The name written in the log line, e.g. {@code reuse_detected}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	String metric() {
		return this.metric;
	}

	/** The reason tag of the metric: fixed for some events, the entry's reason code for the others. */
	String reasonTag(@Nullable String reason) {
		if (this.fixedReason != null) {
			return this.fixedReason;
		}
		return (reason != null) ? reason : "unspecified";
	}

}
