package eu.seta.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SessionStore} must do, whatever holds the state. An implementation's test extends this class
 * and says how to make a store on a given clock; the contract is never copied.
 */
public abstract class SessionStoreContract {

	protected static final Duration IDLE = Duration.ofHours(24);

	protected static final Duration MAX = Duration.ofDays(30);

	protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	protected SessionStore store;

	protected abstract SessionStore createStore(MutableClock clock);

	@BeforeEach
	void createStore() {
		this.store = createStore(this.clock);
	}

	@Test
	void currentTokenRotatesAndTheSessionMovesOn() {
		RefreshTokens.Issued first = start("p1");
		RefreshTokens.Issued second = next(first);
		Rotation rotation = rotate(first, second, Duration.ZERO);
		assertThat(rotation).isInstanceOf(Rotation.Rotated.class);
		Session session = ((Rotation.Rotated) rotation).session();
		assertThat(session.principalId()).isEqualTo("p1");
		assertThat(session.current()).isEqualTo(second.hash());
		assertThat(rotate(second, next(second), Duration.ZERO)).isInstanceOf(Rotation.Rotated.class);
	}

	@Test
	void rotatedTokenPresentedAgainIsReuseAndKillsTheSession() {
		RefreshTokens.Issued first = start("p1");
		RefreshTokens.Issued second = next(first);
		rotate(first, second, Duration.ZERO);
		assertThat(rotate(first, next(first), Duration.ZERO)).isEqualTo(new Rotation.Reused(first.key(), "p1"));
		assertThat(rotate(second, next(second), Duration.ZERO)).isInstanceOf(Rotation.Unknown.class);
	}

	@Test
	void previousTokenWithinGraceRotatesAgainAndNotAfter() {
		RefreshTokens.Issued first = start("p1");
		RefreshTokens.Issued second = next(first);
		rotate(first, second, Duration.ofSeconds(5));
		this.clock.advance(Duration.ofSeconds(4));
		RefreshTokens.Issued retry = next(first);
		assertThat(rotate(first, retry, Duration.ofSeconds(5))).isInstanceOf(Rotation.Rotated.class);
		// the pair of the first rotation was dropped
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(rotate(first, next(first), Duration.ofSeconds(5))).isInstanceOf(Rotation.Reused.class);
	}

	@Test
	void idleExpiryIsExclusiveAtItsBoundary() {
		RefreshTokens.Issued first = start("p1");
		this.clock.advance(IDLE.minusMillis(1));
		RefreshTokens.Issued second = next(first);
		assertThat(rotate(first, second, Duration.ZERO)).isInstanceOf(Rotation.Rotated.class);
		this.clock.advance(IDLE);
		Rotation expired = rotate(second, next(second), Duration.ZERO);
		assertThat(expired).isIn(new Rotation.Expired(first.key(), "p1"), new Rotation.Unknown());
	}

	/** The caller's time decides, not the store's own: a store may still hold a session that is over by then. */
	@Test
	void aRotationAtATimePastTheSessionsEndIsExpiredAndNamesItsPrincipal() {
		RefreshTokens.Issued first = start("p1");
		RefreshTokens.Presented parsed = RefreshTokens.parse(first.value()).orElseThrow();
		Rotation late = this.store
			.rotate(parsed.key(), parsed.hash(), next(first).hash(), this.clock.instant().plus(IDLE), IDLE, Duration.ZERO)
			.block();
		assertThat(late).isEqualTo(new Rotation.Expired(first.key(), "p1"));
	}

	@Test
	void absoluteLifetimeCapsSlidingRenewal() {
		RefreshTokens.Issued token = start("p1");
		Duration elapsed = Duration.ZERO;
		while (elapsed.plus(Duration.ofHours(20)).compareTo(MAX) < 0) {
			this.clock.advance(Duration.ofHours(20));
			elapsed = elapsed.plus(Duration.ofHours(20));
			RefreshTokens.Issued next = next(token);
			Rotation rotation = rotate(token, next, Duration.ZERO);
			assertThat(rotation).isInstanceOf(Rotation.Rotated.class);
			assertThat(((Rotation.Rotated) rotation).session().idleExpiresAt())
				.isBeforeOrEqualTo(Instant.parse("2026-11-28T10:00:00Z").plus(MAX));
			token = next;
		}
		this.clock.set(Instant.parse("2026-11-28T10:00:00Z").plus(MAX));
		assertThat(rotate(token, next(token), Duration.ZERO)).isNotInstanceOf(Rotation.Rotated.class);
	}

	@Test
	void revokeEndsTheSessionAndNamesItsPrincipal() {
		RefreshTokens.Issued first = start("p1");
		assertThat(this.store.revoke(first.key()).block()).isEqualTo("p1");
		assertThat(this.store.revoke(first.key()).block()).isNull();
		assertThat(rotate(first, next(first), Duration.ZERO)).isInstanceOf(Rotation.Unknown.class);
	}

	@Test
	void revokeAllEndsEverySessionOfThePrincipalAndNoOther() {
		RefreshTokens.Issued first = start("p1");
		RefreshTokens.Issued second = start("p1");
		RefreshTokens.Issued rotated = next(second);
		rotate(second, rotated, Duration.ZERO);
		RefreshTokens.Issued stranger = start("p2");
		assertThat(this.store.revokeAll("p1").block()).isEqualTo(2);
		assertThat(rotate(first, next(first), Duration.ZERO)).isInstanceOf(Rotation.Unknown.class);
		assertThat(rotate(rotated, next(rotated), Duration.ZERO)).isInstanceOf(Rotation.Unknown.class);
		assertThat(rotate(stranger, next(stranger), Duration.ZERO)).isInstanceOf(Rotation.Rotated.class);
		assertThat(this.store.revokeAll("p1").block()).isZero();
	}

	@Test
	void findAnswersForTheCurrentTokenOfALiveSessionOnlyAndChangesNothing() {
		RefreshTokens.Issued first = start("p1");
		Session found = find(first);
		assertThat(found).isNotNull();
		assertThat(found.principalId()).isEqualTo("p1");
		assertThat(found.idleExpiresAt()).isEqualTo(this.clock.instant().plus(IDLE));
		assertThat(find(first)).as("a read: asking twice finds it twice").isNotNull();
		RefreshTokens.Issued second = next(first);
		rotate(first, second, Duration.ZERO);
		assertThat(find(first)).as("a rotated token").isNull();
		assertThat(find(second)).isNotNull();
		assertThat(this.store.find(RefreshTokens.newSession("p1").key(), second.hash(), this.clock.instant()).block())
			.as("an unknown session")
			.isNull();
		this.clock.advance(IDLE);
		assertThat(find(second)).as("idle past its expiry").isNull();
	}

	@Test
	void unknownSessionIsUnknown() {
		RefreshTokens.Issued stranger = RefreshTokens.newSession("p1");
		assertThat(rotate(stranger, next(stranger), Duration.ZERO)).isInstanceOf(Rotation.Unknown.class);
	}

	@Test
	void aProofStartsOneSessionUntilItsWindowEnds() {
		Instant until = this.clock.instant().plus(Duration.ofHours(24));
		RefreshTokens.Issued first = RefreshTokens.newSession("p1");
		RefreshTokens.Issued replayed = RefreshTokens.newSession("p1");
		assertThat(startWithProof(first, "p1", "proof-1", until)).isTrue();
		assertThat(startWithProof(replayed, "p1", "proof-1", until)).isFalse();
		// the replay stored nothing: its token belongs to no session
		assertThat(rotate(replayed, next(replayed), Duration.ZERO)).isInstanceOf(Rotation.Unknown.class);
		assertThat(rotate(first, next(first), Duration.ZERO)).isInstanceOf(Rotation.Rotated.class);
		assertThat(startWithProof(RefreshTokens.newSession("p1"), "p1", "proof-2", until)).isTrue();
		this.clock.advance(Duration.ofHours(24));
		assertThat(startWithProof(RefreshTokens.newSession("p1"), "p1", "proof-1",
				this.clock.instant().plus(Duration.ofHours(24)))).isTrue();
	}

	@Test
	void racingRotationsOfOneTokenLetExactlyOneThrough() throws Exception {
		RefreshTokens.Issued first = start("p1");
		List<Rotation> outcomes = Race.of(50, () -> rotate(first, next(first), Duration.ZERO));
		assertThat(outcomes).filteredOn(Rotation.Rotated.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof Rotation.Rotated))
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfAny(Rotation.Reused.class, Rotation.Unknown.class));
	}

	@Test
	void racingStartsWithOneProofLetExactlyOneThrough() throws Exception {
		Instant until = this.clock.instant().plus(Duration.ofHours(1));
		List<RefreshTokens.Issued> tokens = new java.util.ArrayList<>();
		for (int i = 0; i < 50; i++) {
			tokens.add(RefreshTokens.newSession("p1"));
		}
		List<Boolean> outcomes = Race.of(50, (i) -> () -> startWithProof(tokens.get(i), "p1", "raced", until));
		assertThat(outcomes).filteredOn(Boolean::booleanValue).hasSize(1);
		// exactly the winner's session exists
		long live = tokens.stream()
			.filter((token) -> rotate(token, next(token), Duration.ZERO) instanceof Rotation.Rotated)
			.count();
		assertThat(live).isEqualTo(1);
	}

	/** A session of its own proof: most tests are about sessions, not about replays. */
	protected RefreshTokens.Issued start(String principalId) {
		RefreshTokens.Issued first = RefreshTokens.newSession(principalId);
		startWithProof(first, principalId, "proof-" + first.key().id(), this.clock.instant().plus(Duration.ofHours(24)));
		return first;
	}

	protected boolean startWithProof(RefreshTokens.Issued token, String principalId, String proof, Instant until) {
		Boolean started = this.store
			.start(Session.start(token.key(), principalId, token.hash(), this.clock.instant(), IDLE, MAX), proof, until)
			.block();
		return Boolean.TRUE.equals(started);
	}

	protected Rotation rotate(RefreshTokens.Issued presented, RefreshTokens.Issued next, Duration grace) {
		RefreshTokens.Presented parsed = RefreshTokens.parse(presented.value()).orElseThrow();
		return this.store.rotate(parsed.key(), parsed.hash(), next.hash(), this.clock.instant(), IDLE, grace).block();
	}

	protected Session find(RefreshTokens.Issued presented) {
		RefreshTokens.Presented parsed = RefreshTokens.parse(presented.value()).orElseThrow();
		return this.store.find(parsed.key(), parsed.hash(), this.clock.instant()).block();
	}

	protected static RefreshTokens.Issued next(RefreshTokens.Issued token) {
		return RefreshTokens.next(RefreshTokens.parse(token.value()).orElseThrow());
	}

}
