package eu.seta.gateway.issuers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every wrong entry stops start-up with a message naming the entry, the setting and what to write instead. */
class TrustedIssuersPropertiesTests {

	private static final URI ISSUER = URI.create("https://login.example.org/realms/seta");

	@Test
	void theDefaultsAreThoseOfTheContract() {
		TrustedIssuersProperties.Issuer issuer = issuer(ISSUER, List.of("seta"), List.of("RS256", "ES256"), "ECAS",
				Map.of(), "User");
		assertThat(issuer.provider()).isEqualTo("ecas");
		assertThat(issuer.id()).isEqualTo("https://login.example.org/realms/seta");
		assertThat(issuer.staleLimit()).isEqualTo(Duration.ofHours(1));
		assertThat(new TrustedIssuersProperties(List.of(issuer)).providers()).containsExactly("ecas");
	}

	@Test
	void audiencesAreRequired() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> issuer(ISSUER, List.of(), List.of("RS256"), "ecas", Map.of(), "User"))
			.withMessageStartingWith("seta.edge.trusted-issuers[issuer=https://login.example.org/realms/seta].audiences "
					+ "is required");
	}

	@Test
	void onlyPublicKeyAlgorithmsAreAccepted() {
		for (String algorithm : List.of("HS256", "none", "RSA-OAEP", "")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> issuer(ISSUER, List.of("seta"), List.of("RS256", algorithm), "ecas", Map.of(), "User"))
				.withMessageContaining(".algorithms: '" + algorithm + "' is not accepted");
		}
		assertThat(issuer(ISSUER, List.of("seta"), List.of("PS256", "ES384", "EdDSA"), "ecas", Map.of(), "User")
			.jwsAlgorithms()).hasSize(3);
	}

	@Test
	void theIssuerMustBeAnHttpUrlWithoutQueryOrFragment() {
		for (String wrong : List.of("login.example.org", "ftp://login.example.org", "https://login.example.org/?a=b",
				"https://login.example.org/#x")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> issuer(URI.create(wrong), List.of("seta"), List.of("RS256"), "ecas", Map.of(), "User"))
				.withMessageStartingWith("seta.edge.trusted-issuers[].issuer must be the issuer's http or https URL");
		}
	}

	@Test
	void providerIsRequiredAndNeverSetasApplications() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> issuer(ISSUER, List.of("seta"), List.of("RS256"), " ", Map.of(), "User"))
			.withMessageContaining(".provider is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> issuer(ISSUER, List.of("seta"), List.of("RS256"), "SETA", Map.of(), "User"))
			.withMessageContaining(".provider cannot be 'seta'");
	}

	@Test
	void rolesAreSetaRolesAndAMappingNeedsItsClaim() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> issuer(ISSUER, List.of("seta"), List.of("RS256"), "ecas", Map.of(), "Admin"))
			.withMessageContaining(".default-role must be User or Administrator, was 'Admin'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TrustedIssuersProperties.Issuer(ISSUER, null, List.of("seta"), List.of("RS256"),
					"ecas", "preferred_username", "roles", Map.of("admins", "root"), "User", false,
					Duration.ofMinutes(5), Duration.ofHours(1)))
			.withMessageContaining(".role-mapping.admins must be User or Administrator, was 'root'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> issuer(ISSUER, List.of("seta"), List.of("RS256"), "ecas",
					Map.of("admins", "Administrator"), "User"))
			.withMessageContaining(".role-mapping needs role-claim");
	}

	@Test
	void anIssuerIsListedOnce() {
		TrustedIssuersProperties.Issuer issuer = issuer(ISSUER, List.of("seta"), List.of("RS256"), "ecas", Map.of(),
				"User");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TrustedIssuersProperties(List.of(issuer, issuer)))
			.withMessage("seta.edge.trusted-issuers[1].issuer https://login.example.org/realms/seta is listed twice: "
					+ "one entry per issuer");
	}

	@Test
	void durationsArePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TrustedIssuersProperties.Issuer(ISSUER, null, List.of("seta"), List.of("RS256"),
					"ecas", "preferred_username", null, Map.of(), "User", false, Duration.ofMinutes(5), Duration.ZERO))
			.withMessageContaining(".stale-limit must be positive");
	}

	private static TrustedIssuersProperties.Issuer issuer(URI issuer, List<String> audiences, List<String> algorithms,
			String provider, Map<String, String> roleMapping, String defaultRole) {
		return new TrustedIssuersProperties.Issuer(issuer, null, audiences, algorithms, provider, "preferred_username",
				null, roleMapping, defaultRole, false, Duration.ofMinutes(5),
				Duration.ofHours(1));
	}

}
