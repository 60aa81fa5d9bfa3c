package eu.seta.gateway.revocation;

import java.time.Clock;

import reactor.core.publisher.Mono;

/** The memory store's revocations: one process, so the list itself is the truth and a revocation holds at once. */
final class LocalRevocations implements Revocations {

	private final RevocationList list;

	private final Clock clock;

	LocalRevocations(RevocationList list, Clock clock) {
		this.list = list;
		this.clock = clock;
	}

	@Override
	public Mono<Void> revokeSession(String sessionId) {
		return Mono.fromRunnable(() -> this.list.apply(new Revocation.OfSession(sessionId, this.clock.millis())));
	}

	@Override
	public Mono<Void> revokePrincipal(String principalId) {
		return Mono.fromRunnable(() -> this.list.apply(new Revocation.OfPrincipal(principalId, this.clock.millis())));
	}

}
