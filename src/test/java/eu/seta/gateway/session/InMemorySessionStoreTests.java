package eu.seta.gateway.session;

import java.time.Duration;
import java.time.Instant;

import eu.seta.gateway.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStoreTests extends SessionStoreContract {

	private static final int MAX_SESSIONS = 1_000;

	private static final int MAX_PROOFS = 2_000;

	@Override
	protected SessionStore createStore(MutableClock clock) {
		return new InMemorySessionStore(clock, MAX_SESSIONS, MAX_PROOFS);
	}

	@Test
	void memoryStaysBoundedUnderAFlood() {
		InMemorySessionStore bounded = (InMemorySessionStore) this.store;
		for (int i = 0; i < 20 * MAX_SESSIONS; i++) {
			start("p" + i);
		}
		long[] sizes = bounded.sizes();
		assertThat(sizes[0]).isLessThanOrEqualTo(MAX_SESSIONS);
		assertThat(sizes[1]).isLessThanOrEqualTo(MAX_PROOFS);
	}

	@Test
	void aClockSteppingBackKeepsRecordsAndSessionsWorking() {
		RefreshTokens.Issued first = start("p1");
		Instant until = this.clock.instant().plus(Duration.ofHours(1));
		assertThat(startWithProof(RefreshTokens.newSession("p1"), "p1", "before-step", until)).isTrue();
		this.clock.advance(Duration.ofHours(-2));
		assertThat(startWithProof(RefreshTokens.newSession("p1"), "p1", "before-step", until)).isFalse();
		assertThat(rotate(first, next(first), Duration.ZERO)).isInstanceOf(Rotation.Rotated.class);
	}

	@Test
	void expiredEntriesLeaveTheStore() {
		InMemorySessionStore bounded = (InMemorySessionStore) this.store;
		for (int i = 0; i < 100; i++) {
			startWithProof(RefreshTokens.newSession("p" + i), "p" + i, "proof-" + i,
					this.clock.instant().plus(Duration.ofHours(1)));
		}
		assertThat(bounded.sizes()).containsExactly(100, 100);
		this.clock.advance(IDLE);
		assertThat(bounded.sizes()).containsExactly(0, 0);
	}

}
