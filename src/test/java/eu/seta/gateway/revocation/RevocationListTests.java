package eu.seta.gateway.revocation;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationListTests {

	private static final long RETENTION = Duration.ofMinutes(61).toMillis();

	private static final long T = 1_795_000_000_000L;

	private final RevocationList list = new RevocationList(RETENTION, 100);

	@Test
	void aRevokedSessionIsRefusedAndOnlyIt() {
		this.list.apply(new Revocation.OfSession("s1", T));
		assertThat(this.list.refuses("u1", "s1", T / 1000)).isTrue();
		assertThat(this.list.refuses("u1", "s2", T / 1000)).isFalse();
		assertThat(this.list.refuses("u1", "", T / 1000)).isFalse();
	}

	@Test
	void aPrincipalsTokensAreRefusedUpToTheSecondOfItsRevocation() {
		this.list.apply(new Revocation.OfPrincipal("u1", T + 400));
		long second = T / 1000;
		assertThat(this.list.refuses("u1", "any", second - 1)).isTrue();
		// iat has whole seconds: within the second of the revocation, before or after it, the safe side is to refuse
		assertThat(this.list.refuses("u1", "any", second)).isTrue();
		assertThat(this.list.refuses("u1", "any", second + 1)).isFalse();
		assertThat(this.list.refuses("u2", "any", second - 1)).isFalse();
		// a token without iat is refused for a principal that has a cut-off
		assertThat(this.list.refuses("u1", "any", Long.MIN_VALUE)).isTrue();
	}

	@Test
	void aLaterRevocationOfAPrincipalMovesItsCutOffForwardAndAnOlderOneNeverBack() {
		this.list.apply(new Revocation.OfPrincipal("u1", T + 5000));
		this.list.apply(new Revocation.OfPrincipal("u1", T));
		assertThat(this.list.refuses("u1", "any", T / 1000 + 5)).isTrue();
	}

	@Test
	void entriesAreDroppedOnceEveryTokenTheyCoverHasExpired() {
		this.list.apply(new Revocation.OfSession("s1", T));
		this.list.apply(new Revocation.OfPrincipal("u1", T));
		this.list.sweep(T + RETENTION - 1000);
		assertThat(this.list.sessionCount()).isEqualTo(1);
		assertThat(this.list.principalCount()).isEqualTo(1);
		this.list.sweep(T + RETENTION + 1001);
		assertThat(this.list.sessionCount()).isZero();
		assertThat(this.list.principalCount()).isZero();
	}

	@Test
	void beyondItsBoundTheRevocationsThatEndSoonestAreDropped() {
		for (int i = 0; i < 101; i++) {
			this.list.apply(new Revocation.OfSession("s" + i, T + i));
		}
		assertThat(this.list.sessionCount()).isLessThanOrEqualTo(100);
		assertThat(this.list.refuses("u", "s100", 0)).isTrue();
		assertThat(this.list.refuses("u", "s0", 0)).isFalse();
	}

	@Test
	void messagesRoundTripAndUnknownOnesAreIgnored() {
		Revocation session = new Revocation.OfSession("abc", T);
		Revocation principal = new Revocation.OfPrincipal("id with | and spaces", T);
		assertThat(Revocation.decode(Revocation.encode(session))).isEqualTo(session);
		assertThat(Revocation.decode(Revocation.encode(principal))).isEqualTo(principal);
		assertThat(Revocation.decode("x|1|abc")).isNull();
		assertThat(Revocation.decode("s|notanumber|abc")).isNull();
		assertThat(Revocation.decode("s")).isNull();
		assertThat(Revocation.decode("")).isNull();
	}

}
