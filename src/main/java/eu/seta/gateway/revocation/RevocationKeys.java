package eu.seta.gateway.revocation;

/**
 * Where revocations live in Redis, under the store's key prefix. Both sets share one hash tag, so that on Redis
 * Cluster they sit on one node; the channel is cluster-wide anyway.
 */
record RevocationKeys(String sessions, String principals, String channel) {

	static RevocationKeys of(String prefix) {
		return new RevocationKeys(prefix + "rv:{revoked}:s", prefix + "rv:{revoked}:p", prefix + "revocations");
	}

}
