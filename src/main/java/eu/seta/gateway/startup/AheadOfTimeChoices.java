package eu.seta.gateway.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings that decide which beans the gateway has, as one configuration gives them: the ones its own
 * configuration classes are conditional on and the ones of Spring Boot's that its deployments change. Ahead-of-time
 * processing decides these conditions once, when the build runs; every other setting is read at start as always.
 * The store and the directory are not among them: their beans are chosen when they are made, so that one build
 * serves every store and directory.
 */
record AheadOfTimeChoices(Map<String, String> values) {

	/** Written by the build next to the generated code, read from the class path at start. */
	static final String RESOURCE = "META-INF/seta-gateway/aot-choices.properties";

	static final String PROFILES = "spring.profiles.active";

	static final String MANAGEMENT_PORT = "management.server.port (same, different or disabled)";

	/** Each setting with the value Spring's conditions assume when it is unset. */
	private static final Map<String, String> SETTINGS = Map.of("seta.edge.access-log.enabled", "false",
			"management.tracing.export.enabled", "false",
			"management.endpoints.web.exposure.include", "", "management.endpoints.web.exposure.exclude", "",
			"management.endpoints.access.default", "", "springdoc.api-docs.enabled", "true");

	/** Whether an endpoint exists: {@code management.endpoint.gateway.access}, {@code ...health.enabled}. */
	private static final Pattern ENDPOINT_ACCESS = Pattern.compile("management\\.endpoint\\.[^.]+\\.(access|enabled)");

	AheadOfTimeChoices {
		values = Map.copyOf(values);
	}

	static AheadOfTimeChoices of(ConfigurableEnvironment environment) {
		Map<String, String> values = new TreeMap<>();
		SETTINGS.forEach((name, unset) -> values.put(name, normalized(environment.getProperty(name, unset))));
		// by Spring Boot's names, so that an endpoint switched by an environment variable is found too
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource names) {
				names.stream()
					.map(ConfigurationPropertyName::toString)
					.filter(ENDPOINT_ACCESS.asMatchPredicate())
					.forEach((name) -> values.put(name, normalized(environment.getProperty(name, ""))));
			}
		}
		values.put(PROFILES, String.join(",", Arrays.stream(environment.getActiveProfiles()).sorted().toList()));
		values.put(MANAGEMENT_PORT, ManagementPortType.get(environment).name().toLowerCase(Locale.ROOT));
		return new AheadOfTimeChoices(values);
	}

	/**
	 * Spring's conditions compare values without regard to case or surrounding blanks, and lists of endpoints
	 * without regard to order; so does this.
	 */
	private static String normalized(String value) {
		return Arrays.stream(value.toLowerCase(Locale.ROOT).split(","))
			.map(String::trim)
			.filter((item) -> !item.isEmpty())
			.sorted()
			.collect(Collectors.joining(","));
	}

	/** The build's record on this class path, if the build processed the gateway ahead of time. */
	static Optional<AheadOfTimeChoices> recorded(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return Optional.empty();
			}
			return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + RESOURCE, ex);
		}
	}

	static AheadOfTimeChoices parse(String text) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> values = new TreeMap<>();
		properties.stringPropertyNames().forEach((name) -> values.put(name, properties.getProperty(name)));
		return new AheadOfTimeChoices(values);
	}

	/** In the order of the names and without the date {@link Properties#store} adds: the same build, the same text. */
	String text() {
		Properties properties = new Properties();
		properties.putAll(this.values);
		StringWriter out = new StringWriter();
		try {
			properties.store(out, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString()
			.lines()
			.filter((line) -> !line.startsWith("#"))
			.sorted()
			.collect(Collectors.joining("\n", "# The settings the gateway's ahead-of-time beans were built for\n", "\n"));
	}

	/**
	 * Where this configuration chooses otherwise than the build did, one line per setting, in the order of their
	 * names. A setting only one side has counts as different: an endpoint switch set on one side only, or a choice
	 * an older build did not record.
	 */
	List<String> differencesFrom(AheadOfTimeChoices built) {
		Set<String> names = new TreeSet<>(this.values.keySet());
		names.addAll(built.values.keySet());
		List<String> differences = new ArrayList<>();
		for (String name : names) {
			String value = this.values.get(name);
			String builtValue = built.values.get(name);
			if (!Objects.equals(value, builtValue)) {
				differences.add(name + " is " + quoted(value, "not set") + ", the build's was "
						+ quoted(builtValue, "not recorded"));
			}
		}
		return differences;
	}

	private static String quoted(@Nullable String value, String absent) {
		return (value != null) ? "'" + value + "'" : absent;
	}

}
