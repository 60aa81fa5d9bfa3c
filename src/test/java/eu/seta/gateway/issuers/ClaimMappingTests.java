package eu.seta.gateway.issuers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimMappingTests {

	private final ClaimMapping mapping = new ClaimMapping(new TrustedIssuersProperties.Issuer(
			URI.create("https://login.example.org"), null, List.of("seta"), List.of("RS256"), "ecas", "preferred_username",
			"realm_access.roles", Map.of("seta-admin", "Administrator", "seta-user", "User"), "User", false,
			Duration.ofMinutes(5), Duration.ofHours(1)));

	@Test
	void theUsernameClaimElseTheSubjectLowercased() {
		assertThat(this.mapping.login(claims(Map.of("sub", "N00X", "preferred_username", "Eve.Smith"))))
			.isEqualTo(new LoginName("ecas", "eve.smith"));
		assertThat(this.mapping.login(claims(Map.of("sub", "N00X")))).isEqualTo(new LoginName("ecas", "n00x"));
		assertThat(this.mapping.login(claims(Map.of("sub", "N00X", "preferred_username", List.of("eve")))))
			.isEqualTo(new LoginName("ecas", "n00x"));
		assertThat(this.mapping.login(claims(Map.of("sub", "N00X", "preferred_username", " "))))
			.isEqualTo(new LoginName("ecas", "n00x"));
	}

	@Test
	void theHighestMappedRoleWinsAndUnmappedValuesGrantNothing() {
		assertThat(role(Map.of("realm_access", Map.of("roles", List.of("seta-user", "seta-admin")))))
			.isEqualTo(Role.ADMINISTRATOR);
		assertThat(role(Map.of("realm_access", Map.of("roles", List.of("Administrator", "offline"))))).isEqualTo(Role.USER);
		assertThat(role(Map.of("realm_access", Map.of("roles", "seta-user seta-admin")))).isEqualTo(Role.ADMINISTRATOR);
		assertThat(role(Map.of("realm_access", "seta-admin"))).isEqualTo(Role.USER);
		assertThat(role(Map.of("realm_access", Map.of("roles", List.of(1, Map.of("seta-admin", true)))))).isEqualTo(Role.USER);
		assertThat(role(Map.of())).isEqualTo(Role.USER);
	}

	@Test
	void aClaimOfTheWholeDottedNameComesFirst() {
		assertThat(role(Map.of("realm_access.roles", List.of("seta-admin"), "realm_access",
				Map.of("roles", List.of("seta-user"))))).isEqualTo(Role.ADMINISTRATOR);
	}

	private Role role(Map<String, Object> claims) {
		return this.mapping.role(claims(claims));
	}

	private static JWTClaimsSet claims(Map<String, Object> claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject("N00X");
		claims.forEach(builder::claim);
		return builder.build();
	}

}
