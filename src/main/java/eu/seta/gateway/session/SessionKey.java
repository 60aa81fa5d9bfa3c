package eu.seta.gateway.session;

import java.util.Objects;

/**
 * Where a session is stored. Derived from a refresh token by hashing, so the store never holds anything a
 * client could present.
 *
 * @param slot groups the sessions of one principal (a Redis Cluster hash tag); a hash of the principal id
 * @param id a hash of the session id carried inside the refresh token
 */
public record SessionKey(String slot, String id) {

	public SessionKey {
		Objects.requireNonNull(slot, "slot");
		Objects.requireNonNull(id, "id");
	}

	/** A short, non-reversible name for logs and audit lines. */
	public String logId() {
		return this.id.substring(0, 12);
	}

}
