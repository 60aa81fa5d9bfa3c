package eu.seta.gateway;

import java.util.Map;

import eu.seta.gateway.testing.RunningGateway;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * README, "Configuration": a wrong value stops the gateway with a message naming it. For the settings that choose
 * an implementation, the message names the property, the value and the values allowed, not a bean that is
 * missing because of it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelectorSettingsTests {

	@ParameterizedTest
	@CsvSource({ "seta.store.type, mongo, MEMORY, REDIS", "seta.directory.type, ldap, FILE, HTTP",
			"seta.keys.generated-algorithm, HS256, RS256, ES256", "seta.crypto.provider, openssl, AUTO, JDK" })
	void anUnknownValueStopsStartUpNamingThePropertyTheValueAndTheAllowedValues(String property, String value,
			String allowed, String alsoAllowed, CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start(Map.of(property, value)).close());
		// plain text, or one JSON line when an earlier test in this JVM left structured logging on
		String all = output.getAll().replace("\\n", "\n").replace("\\\"", "\"");
		String report = all.substring(all.lastIndexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Property: " + property)
			.contains("Value: \"" + value + "\"")
			.contains("The following values are valid:")
			.contains(allowed)
			.contains(alsoAllowed)
			.doesNotContain("NoSuchBeanDefinitionException")
			.doesNotContain("required a bean");
	}

}
