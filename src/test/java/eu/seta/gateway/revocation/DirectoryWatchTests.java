package eu.seta.gateway.revocation;

import java.util.List;
import java.util.Set;

import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalStatus;
import eu.seta.gateway.directory.PrincipalType;
import eu.seta.gateway.directory.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the directory takes tokens away, with and without trusted issuers for the principal's provider. */
class DirectoryWatchTests {

	private static final Set<String> ECAS_IS_TRUSTED = Set.of("ecas");

	@Test
	void aKeylessPrincipalOfAProviderATrustedIssuerMapsToKeepsItsTokens() {
		assertThat(DirectoryWatch.withdrawal(principal("ecas", PrincipalStatus.ACTIVE), ECAS_IS_TRUSTED)).isNull();
	}

	@Test
	void aKeylessPrincipalOfAnyOtherProviderLosesThem() {
		assertThat(DirectoryWatch.withdrawal(principal("github", PrincipalStatus.ACTIVE), ECAS_IS_TRUSTED))
			.isEqualTo("principal_keyless");
		assertThat(DirectoryWatch.withdrawal(principal("ecas", PrincipalStatus.ACTIVE), Set.of()))
			.isEqualTo("principal_keyless");
	}

	@Test
	void disabledOrRemovedLosesThemWhateverTheProvider() {
		assertThat(DirectoryWatch.withdrawal(principal("ecas", PrincipalStatus.DISABLED), ECAS_IS_TRUSTED))
			.isEqualTo("principal_disabled");
		assertThat(DirectoryWatch.withdrawal(null, ECAS_IS_TRUSTED)).isEqualTo("principal_removed");
	}

	private static Principal principal(String provider, PrincipalStatus status) {
		return new Principal("u-eve", new LoginName(provider, "eve"), PrincipalType.USER, null, Role.USER, status,
				List.of());
	}

}
