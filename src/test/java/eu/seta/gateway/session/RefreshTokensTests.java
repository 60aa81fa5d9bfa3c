package eu.seta.gateway.session;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokensTests {

	@Test
	void tokenIsOpaqueWithAtLeast256RandomBitsAndNeverStoredRaw() {
		RefreshTokens.Issued token = RefreshTokens.newSession("u1");
		assertThat(token.value()).startsWith("seta_rt_").matches("seta_rt_[A-Za-z0-9_-]{76}");
		assertThat(Base64.getUrlDecoder().decode(token.value().substring(8))).hasSize(57);
		assertThat(token.hash().value()).doesNotContain(token.value().substring(8, 30));
		assertThat(token.key().id()).doesNotContain(token.value().substring(8));
		assertThat(token.toString()).doesNotContain(token.value());
	}

	/** What a log line or a debugger shows of a token: its session's short id, which is how logs name sessions. */
	@Test
	void aTokenPrintsAsItsSessionAndNothingSecret() {
		RefreshTokens.Issued token = RefreshTokens.newSession("u1");
		RefreshTokens.Presented presented = RefreshTokens.parse(token.value()).orElseThrow();
		assertThat(token).hasToString("Issued[session=" + token.key().logId() + "]");
		assertThat(presented).hasToString("Presented[session=" + token.key().logId() + "]");
	}

	@Test
	void rotationKeepsTheSessionAndChangesTheSecret() {
		RefreshTokens.Issued first = RefreshTokens.newSession("u1");
		RefreshTokens.Issued next = RefreshTokens.next(RefreshTokens.parse(first.value()).orElseThrow());
		assertThat(next.key()).isEqualTo(first.key());
		assertThat(next.hash()).isNotEqualTo(first.hash());
		assertThat(next.value()).isNotEqualTo(first.value());
	}

	@Test
	void sessionsOfOnePrincipalShareASlotAndNeverAnId() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			RefreshTokens.Issued token = RefreshTokens.newSession("u1");
			assertThat(token.key().slot()).isEqualTo(RefreshTokens.slotOf("u1"));
			assertThat(ids.add(token.key().id())).isTrue();
		}
		assertThat(RefreshTokens.slotOf("u2")).isNotEqualTo(RefreshTokens.slotOf("u1"));
	}

	@Test
	void parseRefusesAnythingElse() {
		RefreshTokens.Issued token = RefreshTokens.newSession("u1");
		String body = token.value().substring(8);
		assertThat(RefreshTokens.parse(token.value())).isPresent();
		assertThat(RefreshTokens.parse(body)).isEmpty();
		assertThat(RefreshTokens.parse(token.value() + "A")).isEmpty();
		assertThat(RefreshTokens.parse(token.value().substring(0, token.value().length() - 1) + "!")).isEmpty();
		String otherVersion = "seta_rt_" + "Ag" + body.substring(2);
		assertThat(RefreshTokens.parse(otherVersion)).isEmpty();
	}

	@Test
	void recognisesJwtShapes() {
		assertThat(RefreshTokens.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isTrue();
		assertThat(RefreshTokens.looksLikeJwt(RefreshTokens.newSession("u1").value())).isFalse();
	}

}
