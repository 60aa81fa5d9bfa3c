package eu.seta.gateway.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image starts on the beans the build generated only when its configuration makes the build's choices; otherwise
 * every replica would quietly start the slow way. The chart's configuration, on either store and either directory,
 * must make them, against the record this build wrote (so these run after process-aot, in the {@code aot}
 * execution). Switching the access log on must not: the guard has to see it.
 */
class AheadOfTimeChartTests {

	private static final Path CHART = Path.of("helm/seta-gateway");

	@Test
	void theChartsDefaultConfigurationStartsOnTheGeneratedBeans() throws IOException {
		assertThat(differencesFromTheBuild(UnaryOperator.identity())).isEmpty();
	}

	@Test
	void theChartOnRedisWithTheUserServiceStartsOnTheGeneratedBeans() throws IOException {
		assertThat(differencesFromTheBuild((template) -> template.set("store.type", "redis")
			.set("redis.host", "redis")
			.set("directory.type", "http")
			.set("directory.http.baseUrl", "http://seta-users:8080/api"))).isEmpty();
	}

	@Test
	void theChartWithTheAccessLogOnIsSeenToChooseOtherBeans() throws IOException {
		assertThat(differencesFromTheBuild((template) -> template.set("edge.accessLog", true)))
			.containsExactly("seta.edge.access-log.enabled is 'true', the build's was 'false'");
	}

	private static List<String> differencesFromTheBuild(UnaryOperator<TemplateCommand> values) throws IOException {
		AheadOfTimeChoices built = AheadOfTimeChoices.recorded(AheadOfTimeChartTests.class.getClassLoader())
			.orElseThrow(() -> new AssertionError("no " + AheadOfTimeChoices.RESOURCE + ": did process-aot run?"));
		String rendered = values.apply(new Helm(CHART).template().withName("seta-gateway")).call();
		return AheadOfTimeChoices.of(environment(configMapApplicationYml(rendered))).differencesFrom(built);
	}

	/** What a replica reads: the chart's application.yml over the one in the jar. */
	private static ConfigurableEnvironment environment(String chartConfig) throws IOException {
		ConfigurableEnvironment environment = new AbstractEnvironment() {
		};
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		Resource mounted = new ByteArrayResource(chartConfig.getBytes(StandardCharsets.UTF_8));
		yaml.load("config/application.yml", mounted).forEach(environment.getPropertySources()::addLast);
		yaml.load("application.yml", new FileSystemResource("src/main/resources/application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		return environment;
	}

	private static String configMapApplicationYml(String rendered) {
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
			if (document instanceof Map<?, ?> resource && "ConfigMap".equals(resource.get("kind"))
					&& resource.get("data") instanceof Map<?, ?> data && data.containsKey("application.yml")) {
				return String.valueOf(data.get("application.yml"));
			}
		}
		throw new AssertionError("the chart rendered no ConfigMap with an application.yml");
	}

}
