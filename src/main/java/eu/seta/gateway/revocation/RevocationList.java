package eu.seta.gateway.revocation;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocations this replica knows: revoked session ids ({@code sid}) and, per principal, a "not before" time
 * before which its tokens were issued in vain. Asked on every proxied call, after the verified-token cache, so the
 * question is two lock-free {@link ConcurrentHashMap} reads of strings whose hashes the cached caller already holds:
 * no allocation, no lock, no store. Entries are added by the feed and removed by {@link #sweep(long)} once every
 * token they cover has expired (the retention: access-token lifetime plus clock skew). A stale entry that has not
 * been swept yet only refuses tokens that have expired anyway.
 * <p>
 * Bounded: beyond {@code maxEntries} sessions the revocations nearest to their end are dropped first (their tokens
 * die soonest) and the log says so at ERROR; that many revocations within one token lifetime is an attack or a bug.
 */
public final class RevocationList {

	private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

	/** Session id → when it was revoked (epoch ms). */
	private final Map<String, Long> sessions = new ConcurrentHashMap<>();

	/** Principal id → the first {@code iat} (epoch s) still accepted. */
	private final Map<String, Long> principals = new ConcurrentHashMap<>();

	private final long retentionMillis;

	private final int maxEntries;

	/**
	 * @param retentionMillis how long a revocation matters: the access-token lifetime plus the clock skew
	 * @param maxEntries most sessions (and, separately, principals) kept
	 */
	public RevocationList(long retentionMillis, int maxEntries) {
		if (retentionMillis <= 0 || maxEntries <= 0) {
			throw new IllegalArgumentException("retention and bound must be positive");
		}
		this.retentionMillis = retentionMillis;
		this.maxEntries = maxEntries;
	}

	/**
	 * Whether a token of this principal and session, issued at {@code issuedAt} (epoch seconds), is revoked.
	 * The proxied path's question: keep it to the two map reads.
	 */
	public boolean refuses(String principalId, String sessionId, long issuedAt) {
		Long notBefore = this.principals.get(principalId);
		if (notBefore != null && issuedAt < notBefore) {
			return true;
		}
		return this.sessions.containsKey(sessionId);
	}

	/** Applies one revocation; applying it twice, or out of order, changes nothing (the feed may do both). */
	void apply(Revocation revocation) {
		if (revocation instanceof Revocation.OfSession session) {
			if (!session.sessionId().isEmpty()) {
				this.sessions.merge(session.sessionId(), session.atMillis(), Math::max);
				bound(this.sessions, "sessions");
			}
		}
		else if (revocation instanceof Revocation.OfPrincipal principal) {
			this.principals.merge(principal.principalId(), notBefore(principal.atMillis()), Math::max);
			bound(this.principals, "principals");
		}
	}

	/**
	 * A token issued in the second of the revocation, before or after it, is refused: {@code iat} has whole
	 * seconds, and the safe side of that second is to refuse. A principal revoked at 10.4 s gets tokens again from
	 * 11 s on.
	 */
	static long notBefore(long atMillis) {
		return Math.floorDiv(atMillis, 1000) + 1;
	}

	/** Drops what no unexpired token can need any more. */
	void sweep(long nowMillis) {
		long oldest = nowMillis - this.retentionMillis;
		this.sessions.values().removeIf((at) -> at < oldest);
		this.principals.values().removeIf((notBefore) -> notBefore * 1000 < oldest);
	}

	int sessionCount() {
		return this.sessions.size();
	}

	int principalCount() {
		return this.principals.size();
	}

	long retentionMillis() {
		return this.retentionMillis;
	}

	private void bound(Map<String, Long> entries, String what) {
		if (entries.size() <= this.maxEntries) {
			return;
		}
		synchronized (entries) {
			int excess = entries.size() - (this.maxEntries - this.maxEntries / 10);
			if (excess <= 0) {
				return;
			}
			log.error("More than {} revoked {} within one access-token lifetime: dropping the {} that end soonest",
					this.maxEntries, what, excess);
			entries.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
				.limit(excess)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(entries::remove);
		}
	}

}
