package eu.seta.gateway.directory;

import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;

/** What every principal the directory hands out must be, whatever source it was read from. */
final class PrincipalInvariants {

	private PrincipalInvariants() {
	}

	static void check(Principal principal) {
		assertThat(principal.id()).hasSizeBetween(1, 256).doesNotContainPattern("\\p{Cntrl}").isEqualTo(principal.id().strip());
		assertThat(principal.login().provider()).matches("[a-z0-9][a-z0-9._-]{0,63}");
		assertThat(principal.login().username()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
		assertThat(principal.type()).isNotNull();
		assertThat(principal.role()).isNotNull();
		assertThat(principal.status()).isNotNull();
		assertThat(principal.owner() != null).isEqualTo(principal.type() == PrincipalType.APPLICATION);
		for (RSAPublicKey key : principal.publicKeys()) {
			assertThat(RsaKeyPolicy.violation(key)).isEmpty();
		}
	}

}
