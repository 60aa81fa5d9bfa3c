package eu.seta.gateway.audit;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The security events the gateway records: one audit line each, and a count on the metric named here. Events
 * that share a metric tell themselves apart by its {@code reason} tag; a metric that only one event counts, with
 * nothing to tell apart, carries no tag at all (a tag with a single value would only be noise to query around).
 */
public enum AuditEvent {

	TOKEN_ISSUED("seta.tokens.issued"),

	PROOF_REJECTED("seta.proofs.rejected", null),

	PROOF_REPLAYED("seta.proofs.rejected", "replayed"),

	RATE_LIMITED("seta.ratelimit.refused"),

	TOKEN_REFRESHED("seta.tokens.refreshed"),

	/** A trusted issuer's token exchanged for a token pair (RFC 8693). */
	TOKEN_EXCHANGED("seta.tokens.exchanged"),

	EXCHANGE_REJECTED("seta.exchanges.rejected", null),

	REFRESH_REJECTED("seta.refresh.rejected", null),

	REUSE_DETECTED("seta.refresh.reuse.detected"),

	SESSION_REVOKED("seta.sessions.revoked", null),

	SESSIONS_REVOKED_BY_ADMIN("seta.sessions.revoked", "admin"),

	/** Disabled, removed or left without keys in the directory: its sessions and access tokens end. */
	PRINCIPAL_WITHDRAWN("seta.sessions.revoked", null);

	private final String metric;

	private final boolean tagged;

	private final @Nullable String fixedReason;

	/** A metric of its own, without a reason tag. */
	AuditEvent(String metric) {
		this.metric = metric;
		this.tagged = false;
		this.fixedReason = null;
	}

	/** A metric with a reason tag: {@code fixedReason}, or the entry's reason code when that is null. */
	AuditEvent(String metric, @Nullable String fixedReason) {
		this.metric = metric;
		this.tagged = true;
		this.fixedReason = fixedReason;
	}

	/** The name written in the log line, e.g. {@code reuse_detected}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	String metric() {
		return this.metric;
	}

	/**
	 * The reason tag of the metric: none for an untagged metric, fixed for some events, the entry's reason code for
	 * the others.
	 */
	@Nullable String reasonTag(@Nullable String reason) {
		if (!this.tagged) {
			return null;
		}
		if (this.fixedReason != null) {
			return this.fixedReason;
		}
		return (reason != null) ? reason : "unspecified";
	}

}
