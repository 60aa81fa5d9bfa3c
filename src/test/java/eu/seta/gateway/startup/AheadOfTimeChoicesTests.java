package eu.seta.gateway.startup;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AheadOfTimeChoicesTests {

	@Test
	void unsetSettingsCountAsTheValuesSpringsConditionsAssume() {
		AheadOfTimeChoices choices = AheadOfTimeChoices.of(new MockEnvironment());
		assertThat(choices.values()).containsEntry("seta.edge.access-log.enabled", "false")
			.containsEntry("management.tracing.export.enabled", "false")
			.containsEntry("springdoc.api-docs.enabled", "true")
			.containsEntry(AheadOfTimeChoices.PROFILES, "")
			.containsEntry(AheadOfTimeChoices.MANAGEMENT_PORT, "same");
	}

	@Test
	void theStoreAndTheDirectoryAreNoChoiceOfTheBuild() {
		MockEnvironment redis = new MockEnvironment().withProperty("seta.store.type", "redis")
			.withProperty("seta.directory.type", "http");
		assertThat(AheadOfTimeChoices.of(redis).differencesFrom(AheadOfTimeChoices.of(new MockEnvironment())))
			.isEmpty();
	}

	@Test
	void caseBlanksAndTheOrderOfAListDoNotMakeAnotherChoice() {
		MockEnvironment spelled = new MockEnvironment().withProperty("management.tracing.export.enabled", " False ")
			.withProperty("management.endpoints.web.exposure.include", "prometheus ,health,INFO");
		MockEnvironment plain = new MockEnvironment().withProperty("management.tracing.export.enabled", "false")
			.withProperty("management.endpoints.web.exposure.include", "health,info,prometheus");
		assertThat(AheadOfTimeChoices.of(spelled).differencesFrom(AheadOfTimeChoices.of(plain))).isEmpty();
	}

	@Test
	void theManagementPortCountsOnlyAsSameDifferentOrDisabled() {
		assertThat(managementPort(new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("management.server.port", "8090"))).isEqualTo("different");
		assertThat(managementPort(new MockEnvironment().withProperty("server.port", "18080")
			.withProperty("management.server.port", "0"))).isEqualTo("different");
		assertThat(managementPort(new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("management.server.port", "8080"))).isEqualTo("same");
		assertThat(managementPort(new MockEnvironment().withProperty("management.server.port", "-1")))
			.isEqualTo("disabled");
	}

	@Test
	void anEndpointSwitchedOffOrOnIsAChoice() {
		MockEnvironment off = new MockEnvironment().withProperty("management.endpoint.gateway.access", "none");
		AheadOfTimeChoices choices = AheadOfTimeChoices.of(off);
		assertThat(choices.values()).containsEntry("management.endpoint.gateway.access", "none");
		assertThat(AheadOfTimeChoices.of(new MockEnvironment()).differencesFrom(choices))
			.containsExactly("management.endpoint.gateway.access is not set, the build's was 'none'");
		// a setting below an endpoint (its probes, its details) decides no bean of its own
		assertThat(AheadOfTimeChoices.of(new MockEnvironment()
			.withProperty("management.endpoint.health.probes.enabled", "true")).values())
			.doesNotContainKey("management.endpoint.health.probes.enabled");
	}

	@Test
	void anEndpointSwitchedByAnEnvironmentVariableIsAChoiceToo() {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("MANAGEMENT_ENDPOINT_GATEWAY_ACCESS", "read-only")));
		assertThat(AheadOfTimeChoices.of(environment).values())
			.containsEntry("management.endpoint.gateway.access", "read-only");
	}

	@Test
	void theRecordIsTheSameTextForTheSameChoices() {
		AheadOfTimeChoices choices = AheadOfTimeChoices
			.of(new MockEnvironment().withProperty("management.endpoint.gateway.access", "none"));
		assertThat(choices.text()).isEqualTo(AheadOfTimeChoices.parse(choices.text()).text())
			.doesNotContain(String.valueOf(java.time.Year.now().getValue()))
			.contains("management.endpoint.gateway.access=none\n");
	}

	@Test
	void eachDifferenceNamesTheSettingAndBothValues() {
		AheadOfTimeChoices built = AheadOfTimeChoices
			.of(new MockEnvironment().withProperty("management.tracing.export.enabled", "true"));
		MockEnvironment configured = new MockEnvironment().withProperty("seta.edge.access-log.enabled", "true");
		configured.setActiveProfiles("demo");
		assertThat(AheadOfTimeChoices.of(configured).differencesFrom(built)).containsExactly(
				"management.tracing.export.enabled is 'false', the build's was 'true'",
				"seta.edge.access-log.enabled is 'true', the build's was 'false'",
				"spring.profiles.active is 'demo', the build's was ''");
	}

	@Test
	void aChoiceTheBuildDidNotRecordCountsAsDifferent() {
		AheadOfTimeChoices older = new AheadOfTimeChoices(Map.of("seta.edge.access-log.enabled", "false"));
		assertThat(AheadOfTimeChoices.of(new MockEnvironment()).differencesFrom(older))
			.contains("management.tracing.export.enabled is 'false', the build's was not recorded")
			.noneMatch((difference) -> difference.startsWith("seta.edge.access-log.enabled"));
	}

	@Test
	void theRecordReadsBackAsTheSameChoices() {
		MockEnvironment environment = new MockEnvironment().withProperty("seta.edge.access-log.enabled", "true")
			.withProperty("server.port", "8080")
			.withProperty("management.server.port", "8090")
			.withProperty("management.endpoints.web.exposure.include", "health, info, prometheus");
		AheadOfTimeChoices choices = AheadOfTimeChoices.of(environment);
		assertThat(AheadOfTimeChoices.parse(choices.text())).isEqualTo(choices);
		assertThat(AheadOfTimeChoices.of(environment).differencesFrom(AheadOfTimeChoices.parse(choices.text())))
			.isEmpty();
	}

	private static String managementPort(MockEnvironment environment) {
		return AheadOfTimeChoices.of(environment).values().get(AheadOfTimeChoices.MANAGEMENT_PORT);
	}

}
