package eu.seta.gateway.chart;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every variant of the chart, rendered with Helm's own code and read into the Kubernetes API model (fabric8) the
 * way the API server reads it: an unknown or misspelt field, a value of the wrong type or an apiVersion/kind the API
 * does not have fails the test, where Helm itself would render it without a word and the API server would drop the
 * field or refuse the object at install time.
 * <p>
 * fabric8's model classes keep unknown fields in an {@code additionalProperties} map instead of failing; the mapper
 * here removes that catch-all from every class it reads ({@link NoCatchAll}), and every object read is then also
 * walked to make sure no such map holds anything ({@link #assertNoAdditionalProperties}).
 */
class ChartApiModelTests {

	private static final Path CHART = Path.of("helm/seta-gateway");

	/** The kinds the chart may render, by apiVersion and kind, each with the class that reads it. */
	private static final Map<String, Class<?>> KINDS = kinds();

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		// "2" for an integer or "true" for a boolean: the API server refuses them, so must the test
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.addModule(new SimpleModule("no-catch-all").setDeserializerModifier(new NoCatchAll()))
		.build();

	@TempDir
	static Path values;

	static Stream<Arguments> variants() {
		return Stream.of(Arguments.of("defaults", ""), Arguments.of("ingress", """
				ingress:
				  enabled: true
				  className: nginx
				  annotations:
				    nginx.ingress.kubernetes.io/proxy-body-size: 1m
				  hosts:
				    - host: seta.example.org
				      paths:
				        - path: /
				          pathType: Prefix
				        - path: /authentication
				          pathType: Exact
				  tls:
				    - secretName: seta-tls
				      hosts:
				        - seta.example.org
				"""), Arguments.of("autoscaling on Redis", """
				store:
				  type: redis
				redis:
				  host: redis-master
				autoscaling:
				  enabled: true
				  minReplicas: 3
				  maxReplicas: 9
				  targetCPUUtilizationPercentage: 60
				"""), Arguments.of("network policy on Redis", """
				store:
				  type: redis
				redis:
				  host: redis
				networkPolicy:
				  enabled: true
				"""), Arguments.of("service monitor", """
				serviceMonitor:
				  enabled: true
				  interval: 15s
				  labels:
				    release: kube-prometheus-stack
				"""), Arguments.of("Redis with password and TLS (own CA), three replicas", """
				replicaCount: 3
				store:
				  type: redis
				redis:
				  host: redis.example.org
				  port: 6380
				  database: 2
				  tls: true
				  tlsCaSecret: seta-redis-ca
				  existingSecret: seta-redis
				  passwordKey: password
				  keyPrefix: "prod:"
				  waitReplicas: 1
				"""), Arguments.of("Redis Sentinel with password, network policy", """
				replicaCount: 2
				store:
				  type: redis
				redis:
				  existingSecret: seta-redis
				  sentinel:
				    master: mymaster
				    nodes:
				      - redis-node-0.redis-headless:26379
				      - redis-node-1.redis-headless:26379
				networkPolicy:
				  enabled: true
				"""), Arguments.of("Redis Cluster, network policy", """
				replicaCount: 2
				store:
				  type: redis
				redis:
				  cluster:
				    nodes:
				      - redis-cluster-0.redis-cluster-headless:6379
				      - redis-cluster-1.redis-cluster-headless:6379
				networkPolicy:
				  enabled: true
				"""), Arguments.of("user service directory and pod placement", """
				directory:
				  type: http
				  http:
				    baseUrl: http://seta-users:8080/api
				    existingSecret: seta-users-token
				keys:
				  activeKid: key-2026
				imagePullSecrets:
				  - name: regcred
				serviceAccount:
				  annotations:
				    example.org/owner: seta
				podAnnotations:
				  example.org/team: seta
				podLabels:
				  tier: edge
				nodeSelector:
				  kubernetes.io/os: linux
				tolerations:
				  - key: dedicated
				    operator: Equal
				    value: edge
				    effect: NoSchedule
				affinity:
				  podAntiAffinity:
				    preferredDuringSchedulingIgnoredDuringExecution:
				      - weight: 100
				        podAffinityTerm:
				          topologyKey: kubernetes.io/hostname
				          labelSelector:
				            matchLabels:
				              app.kubernetes.io/name: seta-gateway
				edge:
				  trustedProxies:
				    - 10.0.0.0/8
				  corsAllowedOrigins:
				    - https://seta.example.org
				"""), Arguments.of("directory file from a Secret, no ServiceAccount", """
				directory:
				  file:
				    existingSecret: seta-principals
				serviceAccount:
				  create: false
				  name: default
				"""), Arguments.of("tracing with network policy", """
				tracing:
				  enabled: true
				  otlpEndpoint: http://otel-collector.monitoring:4318/v1/traces
				  samplingProbability: 0.5
				networkPolicy:
				  enabled: true
				"""), Arguments.of("everything on", """
				store:
				  type: redis
				redis:
				  host: redis
				  existingSecret: seta-redis
				autoscaling:
				  enabled: true
				ingress:
				  enabled: true
				networkPolicy:
				  enabled: true
				serviceMonitor:
				  enabled: true
				"""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void shouldRenderOnlyObjectsTheKubernetesApiAccepts(String variant, String valuesYaml) throws IOException {
		List<Object> objects = readStrictly(render(valuesYaml));
		assertThat(objects).as(variant).isNotEmpty();
		// what each variant is about is really there, so that a template which renders nothing passes nothing
		Set<String> kinds = new TreeSet<>(objects.stream().map(ChartApiModelTests::kindOf).toList());
		assertThat(kinds).as(variant).contains("ConfigMap", "Deployment", "Service");
		switch (variant) {
			case "ingress" -> assertThat(kinds).contains("Ingress");
			case "autoscaling on Redis" -> assertThat(kinds).contains("HorizontalPodAutoscaler", "PodDisruptionBudget");
			case "network policy on Redis", "Redis Sentinel with password, network policy",
					"Redis Cluster, network policy", "tracing with network policy" ->
				assertThat(kinds).contains("NetworkPolicy");
			case "service monitor" -> assertThat(kinds).contains("ServiceMonitor");
			case "Redis with password and TLS (own CA), three replicas" -> assertThat(kinds).contains("PodDisruptionBudget");
			case "everything on" -> assertThat(kinds).contains("Ingress", "HorizontalPodAutoscaler",
					"PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "ServiceAccount");
			default -> {
			}
		}
	}

	/**
	 * Helm leaves hooks out of a rendering, and the chart's {@code helm test} Pod is one: it is read from a copy of
	 * the chart whose test template has its hook annotations taken off, the rest unchanged.
	 */
	@Test
	void shouldRenderAHelmTestPodTheKubernetesApiAccepts() throws IOException {
		Path copy = values.resolve("chart-with-test-pod");
		try (Stream<Path> files = Files.walk(CHART)) {
			for (Path file : files.toList()) {
				Path target = copy.resolve(CHART.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		Path test = copy.resolve("templates/tests/test-jwks.yaml");
		String template = Files.readString(test, StandardCharsets.UTF_8);
		String unhooked = template.lines()
			.filter((line) -> !line.strip().startsWith("\"helm.sh/hook"))
			.collect(Collectors.joining("\n"));
		assertThat(unhooked).isNotEqualTo(template);
		Files.writeString(test, unhooked, StandardCharsets.UTF_8);
		String rendered = new Helm(copy).template().withName("seta-gateway").call();
		assertThat(readStrictly(rendered)).filteredOn(Pod.class::isInstance)
			.singleElement()
			.satisfies((pod) -> assertThat(((Pod) pod).getSpec().getRestartPolicy()).isEqualTo("Never"));
	}

	@Test
	void shouldReadTheDeploymentIntoTheModelWithItsValues() throws IOException {
		Deployment deployment = readStrictly(render("")).stream()
			.filter(Deployment.class::isInstance)
			.map(Deployment.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).singleElement()
			.satisfies((container) -> assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue());
	}

	/** The parser itself: a document with one misspelt field must not get through. */
	@Test
	void shouldRefuseAMisspeltFieldOfTheDeployment() throws IOException {
		String rendered = render("");
		assertThat(rendered).contains("replicas: 1", "containers:");
		assertThatThrownBy(() -> readStrictly(rendered.replace("replicas: 1", "replica: 1"))).hasMessageContaining("replica");
		assertThatThrownBy(() -> readStrictly(rendered.replace("containers:", "contianers:")))
			.hasMessageContaining("contianers");
	}

	@Test
	void shouldRefuseAnUnknownFieldDeepInsideAPodAndInTheMetadata() throws IOException {
		String rendered = render("");
		assertThat(rendered).contains("readOnlyRootFilesystem: true", "labels:");
		assertThatThrownBy(() -> readStrictly(rendered.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true")))
			.hasMessageContaining("readOnlyRootFileSystem");
		assertThatThrownBy(() -> readStrictly(rendered.replaceFirst("labels:", "lables:"))).hasMessageContaining("lables");
	}

	@Test
	void shouldRefuseAValueOfTheWrongType() throws IOException {
		String rendered = render("");
		assertThatThrownBy(() -> readStrictly(rendered.replace("replicas: 1", "replicas: \"1\""))).hasMessageContaining("replicas");
		assertThatThrownBy(() -> readStrictly(rendered.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: \"yes\"")))
			.hasMessageContaining("readOnlyRootFilesystem");
	}

	@Test
	void shouldRefuseAnApiVersionTheApiDoesNotHave() throws IOException {
		String rendered = render("");
		assertThatThrownBy(() -> readStrictly(rendered.replace("apiVersion: apps/v1", "apiVersion: apps/v1beta1")))
			.hasMessageContaining("apps/v1beta1 Deployment");
	}

	@Test
	void shouldRefuseAMisspeltFieldOfTheServiceMonitor() throws IOException {
		String rendered = render("serviceMonitor:\n  enabled: true\n");
		assertThat(rendered).contains("path: /actuator/prometheus", "interval: 30s");
		assertThatThrownBy(() -> readStrictly(rendered.replace("path: /actuator/prometheus", "paht: /actuator/prometheus")))
			.hasMessageContaining("paht");
		assertThatThrownBy(() -> readStrictly(rendered.replace("interval: 30s", "interval: 30 seconds")))
			.hasMessageContaining("30 seconds");
	}

	private static String render(String valuesYaml) throws IOException {
		Path file = Files.createTempFile(values, "values", ".yaml");
		Files.writeString(file, valuesYaml, StandardCharsets.UTF_8);
		return new Helm(CHART).template().withName("seta-gateway").withValuesFile(file).call();
	}

	/** Each rendered document, read into the class of its apiVersion and kind; the first unacceptable one throws. */
	static List<Object> readStrictly(String rendered) {
		List<Object> objects = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
			if (document == null) {
				continue;
			}
			if (!(document instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException("not an object: " + document);
			}
			String type = map.get("apiVersion") + " " + map.get("kind");
			Class<?> modelClass = KINDS.get(type);
			if (modelClass == null) {
				throw new IllegalArgumentException(type + " is not a kind the chart may render: " + KINDS.keySet());
			}
			Object object;
			try {
				object = STRICT.convertValue(map, modelClass);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(type + " " + ex.getMessage(), ex);
			}
			assertNoAdditionalProperties(object, type, new IdentityHashMap<>());
			objects.add(object);
		}
		return objects;
	}

	/** Belt and braces: no fabric8 object read holds a field its class does not declare. */
	private static void assertNoAdditionalProperties(Object object, String where, Map<Object, Boolean> seen) {
		if (object == null || seen.put(object, Boolean.TRUE) != null) {
			return;
		}
		if (object instanceof Iterable<?> items) {
			items.forEach((item) -> assertNoAdditionalProperties(item, where, seen));
			return;
		}
		if (object instanceof Map<?, ?> map) {
			map.values().forEach((value) -> assertNoAdditionalProperties(value, where, seen));
			return;
		}
		if (!object.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method getter : object.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(object);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException(ex);
			}
			if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
				assertThat(extra).as(where + ": fields " + object.getClass().getSimpleName() + " does not have")
					.isEmpty();
			}
			else {
				assertNoAdditionalProperties(value, where, seen);
			}
		}
	}

	private static String kindOf(Object object) {
		return (object instanceof HasMetadata resource) ? resource.getKind() : ((ServiceMonitor) object).kind();
	}

	private static Map<String, Class<?>> kinds() {
		Map<String, Class<?>> kinds = new LinkedHashMap<>();
		for (Class<? extends HasMetadata> type : List.of(ConfigMap.class, Service.class, ServiceAccount.class,
				Pod.class, Deployment.class, HorizontalPodAutoscaler.class, PodDisruptionBudget.class, Ingress.class,
				NetworkPolicy.class)) {
			kinds.put(HasMetadata.getApiVersion(type) + " " + HasMetadata.getKind(type), type);
		}
		kinds.put("monitoring.coreos.com/v1 ServiceMonitor", ServiceMonitor.class);
		return kinds;
	}

	/** Takes the catch-all for unknown fields off every class the mapper reads, so that they fail instead. */
	static final class NoCatchAll extends ValueDeserializerModifier {

		@Override
		public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier description,
				BeanDeserializerBuilder builder) {
			builder.setAnySetter(null);
			return builder;
		}

	}

	/*
	 * The ServiceMonitor is a custom resource of the Prometheus Operator (monitoring.coreos.com/v1), not part of the
	 * Kubernetes API model. fabric8 publishes a model of it (openshift-model-monitoring) only up to 7.7 in the
	 * registry this project builds from, written for Jackson 2 and the 7.x core model, so it cannot be read beside
	 * the 8.0 model. Instead, these records are a hand-written strict schema: the fields of the CRD's ServiceMonitor
	 * (v0.80) that a chart of this kind sets, typed, without free-form maps (no relabelings yet), with the CRD's pattern for durations. A field the chart adds that is
	 * not here fails: check it against the CRD, then add it.
	 */

	/** monitoring.coreos.com/v1 ServiceMonitor. */
	record ServiceMonitor(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
			@JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ServiceMonitorSpec spec) {
	}

	/** Its spec. */
	record ServiceMonitorSpec(String jobLabel, List<String> targetLabels, List<String> podTargetLabels,
			@JsonProperty(required = true) List<Endpoint> endpoints, @JsonProperty(required = true) LabelSelector selector,
			NamespaceSelector namespaceSelector, Long sampleLimit, Long targetLimit, String scrapeProtocols) {
	}

	/** One scrape endpoint. */
	record Endpoint(String port, IntOrString targetPort, String path, String scheme, String interval,
			String scrapeTimeout, Boolean honorLabels, Boolean honorTimestamps, Boolean followRedirects,
			Boolean enableHttp2) {

		/** The CRD's {@code Duration} pattern. */
		private static final Pattern DURATION = Pattern
			.compile("^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$");

		Endpoint {
			for (String duration : new String[] { interval, scrapeTimeout }) {
				if (duration != null && !DURATION.matcher(duration).matches()) {
					throw new IllegalArgumentException("not a Prometheus duration: " + duration);
				}
			}
		}

	}

	/** Which namespaces the selected Services may be in. */
	record NamespaceSelector(Boolean any, List<String> matchNames) {
	}

}
