package eu.seta.gateway.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart, linted and rendered with Helm's own code, and read back as the API server would read it. */
class HelmChartTests {

	private static final Path CHART = Path.of("helm/seta-gateway");

	@Test
	void shouldLintCleanly() {
		LintResult lint = new Helm(CHART).lint().strict().call();
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@Test
	void shouldRenderTheSearchQuotaWithTheAccessLogOffByDefaultAndBothSwitchable() {
		String defaults = render((template) -> {
		}).applicationConfig();
		assertThat(defaults).contains("name: RequestRateLimiter", "redis-rate-limiter.replenishRate: 20",
				"redis-rate-limiter.burstCapacity: 40");
		assertThat(defaults.replaceAll("\\s+", " ")).contains("access-log: enabled: false", "quota: enabled: true");
		String switched = render((template) -> template.set("edge.accessLog", true).set("edge.quotaEnabled", false))
			.applicationConfig();
		assertThat(switched.replaceAll("\\s+", " ")).contains("access-log: enabled: true", "quota: enabled: false");
	}

	@Test
	void shouldLeaveTracingOffByDefaultAndPassItsSettingsAsSpringBootsOwnEnvironmentVariables() {
		List<Object> defaults = render((template) -> {
		}).container().list("env").stream().map((env) -> env.get("name")).toList();
		assertThat(defaults).noneMatch((name) -> name.toString().startsWith("MANAGEMENT_"));
		Manifests traced = render((template) -> template.set("tracing.enabled", true)
			.set("tracing.otlpEndpoint", "http://otel-collector.monitoring:4318/v1/traces")
			.set("tracing.samplingProbability", 0.25));
		assertThat(traced.env("MANAGEMENT_TRACING_EXPORT_ENABLED")).containsEntry("value", "true");
		assertThat(traced.env("MANAGEMENT_TRACING_SAMPLING_PROBABILITY")).containsEntry("value", "0.25");
		assertThat(traced.env("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).containsEntry("value",
				"http://otel-collector.monitoring:4318/v1/traces");
	}

	@Test
	void shouldRefuseATracingEndpointThatIsNoUrlOrASamplingProbabilityAboveOne() {
		assertThatThrownBy(() -> render((template) -> template.set("tracing.otlpEndpoint", "otel-collector:4318")))
			.hasMessageContaining("otlpEndpoint");
		assertThatThrownBy(() -> render((template) -> template.set("tracing.samplingProbability", 10)))
			.hasMessageContaining("samplingProbability");
		assertThatThrownBy(() -> render((template) -> template.set("tracing.samplingProbability", "1.5")))
			.hasMessageContaining("samplingProbability");
	}

	@Test
	void shouldCarryTheProjectVersionAsAppVersion() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
		Matcher version = Pattern.compile("<artifactId>seta-gateway</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
		assertThat(version.find()).isTrue();
		Map<String, Object> chart = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(CHART.resolve("Chart.yaml"), StandardCharsets.UTF_8));
		assertThat(chart.get("apiVersion")).isEqualTo("v2");
		assertThat(chart.get("appVersion")).isEqualTo(version.group(1));
	}

	@Test
	void shouldRenderAHardenedSinglePodWithDefaultValues() {
		Manifests manifests = render((template) -> {
		});
		Map<String, Object> pod = manifests.deployment().path("spec", "template", "spec").map();
		assertThat(manifests.deployment().path("spec").get("replicas")).isEqualTo(1);
		assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
		assertThat(new Node(pod).path("securityContext").map()).containsEntry("runAsNonRoot", true)
			.containsEntry("runAsUser", 10001);
		assertThat(new Node(pod).path("securityContext", "seccompProfile").get("type")).isEqualTo("RuntimeDefault");
		Node container = manifests.container();
		Node security = container.path("securityContext");
		assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(security.path("capabilities").get("drop")).isEqualTo(List.of("ALL"));
		assertThat(container.path("resources", "limits").map()).containsKeys("cpu", "memory");
		assertThat(container.path("resources", "requests").map()).containsKeys("cpu", "memory");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(container.path(probe, "httpGet").get("port")).as(probe).isEqualTo("management");
		}
		assertThat(container.path("readinessProbe", "httpGet").get("path")).isEqualTo("/actuator/health/readiness");
		assertThat(container.path("livenessProbe", "httpGet").get("path")).isEqualTo("/actuator/health/liveness");
		// a writable /tmp, nothing else writable
		assertThat(manifests.volume("tmp")).containsKey("emptyDir");
		assertThat(manifests.volume("keys").get("secret")).isEqualTo(Map.of("secretName", "seta-gateway-keys"));
		// graceful shutdown in step: preStop, then the 20 s shutdown phase, within the grace period
		assertThat(pod.get("terminationGracePeriodSeconds")).isEqualTo(40);
		assertThat(container.path("lifecycle", "preStop", "exec").get("command")).isEqualTo(List.of("sleep", "10"));
		assertThat(manifests.applicationConfig()).contains("shutdown: graceful", "timeout-per-shutdown-phase: 20s",
				"forward-headers-strategy: none");
		assertThat(new Node(pod).list("topologySpreadConstraints")).singleElement()
			.satisfies((constraint) -> assertThat(constraint).containsEntry("topologyKey", "kubernetes.io/hostname"));
		assertThat(manifests.ofKind("ServiceAccount")).singleElement()
			.satisfies((account) -> assertThat(account.get("automountServiceAccountToken")).isEqualTo(false));
		assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
		assertThat(manifests.ofKind("PodDisruptionBudget")).isEmpty();
		assertThat(manifests.ofKind("Ingress")).isEmpty();
		assertThat(manifests.ofKind("NetworkPolicy")).isEmpty();
	}

	/** Every value says what it is ({@code # --}) and has its row in the chart README. */
	@Test
	void shouldDocumentEveryValue() throws IOException {
		List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"), StandardCharsets.UTF_8);
		String readme = Files.readString(CHART.resolve("README.md"), StandardCharsets.UTF_8);
		Pattern key = Pattern.compile("^( *)([A-Za-z][A-Za-z0-9]*):(.*)$");
		List<String> path = new ArrayList<>();
		boolean commented = false;
		int documented = 0;
		// a commented mapping (resources, podSecurityContext...) is documented whole, children included
		int wholeBelow = Integer.MAX_VALUE;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.strip().startsWith("# --")) {
				commented = true;
				continue;
			}
			Matcher matcher = key.matcher(line);
			if (!matcher.matches() || line.strip().startsWith("#")) {
				continue;
			}
			int depth = matcher.group(1).length() / 2;
			if (depth > path.size() || depth > wholeBelow) {
				continue;
			}
			wholeBelow = Integer.MAX_VALUE;
			path.subList(depth, path.size()).clear();
			path.add(matcher.group(2));
			boolean parent = matcher.group(3).isBlank() && !commented;
			if (!parent) {
				String name = String.join(".", path);
				assertThat(commented).as("a '# --' comment above " + name).isTrue();
				assertThat(readme).as("README row of " + name).contains("| `" + name + "` |");
				documented++;
				if (matcher.group(3).isBlank()) {
					wholeBelow = depth;
				}
			}
			commented = false;
		}
		assertThat(documented).isGreaterThan(60);
	}

	@Test
	void shouldShipAHelmTestThatFetchesTheJwks() throws IOException {
		String test = Files.readString(CHART.resolve("templates/tests/test-jwks.yaml"), StandardCharsets.UTF_8);
		assertThat(test).contains("\"helm.sh/hook\": test", "/.well-known/jwks.json", "readOnlyRootFilesystem: true");
	}

	@Test
	void shouldRollThePodsWhenTheConfigurationChanges() {
		Object before = checksum(render((template) -> {
		}));
		Object after = checksum(render((template) -> template.set("gateway.accessTokenTtl", "30m")));
		assertThat(before).isNotNull().isNotEqualTo(after);
	}

	@Test
	void shouldReferenceTheRedisPasswordSecretAndHoldNoSecretValue() {
		Manifests manifests = render((template) -> template.set("store.type", "redis")
			.set("redis.host", "redis-master")
			.set("redis.existingSecret", "seta-redis")
			.set("redis.passwordKey", "password")
			.set("replicaCount", 3));
		Map<String, Object> password = manifests.env("SPRING_DATA_REDIS_PASSWORD");
		assertThat(new Node(password).path("valueFrom", "secretKeyRef").map()).containsEntry("name", "seta-redis")
			.containsEntry("key", "password");
		assertThat(password).doesNotContainKey("value");
		assertThat(manifests.applicationConfig()).contains("type: redis", "host: \"redis-master\"")
			.doesNotContain("password");
		assertThat(manifests.deployment().path("spec").get("replicas")).isEqualTo(3);
		assertThat(manifests.ofKind("PodDisruptionBudget")).hasSize(1);
	}

	@Test
	void shouldFindTheRedisMasterThroughSentinelWithThePasswordForBoth() {
		Manifests manifests = render((template) -> template.set("store.type", "redis")
			.set("redis.sentinel.master", "mymaster")
			.set("redis.sentinel.nodes[0]", "redis-node-0.redis-headless:26379")
			.set("redis.sentinel.nodes[1]", "redis-node-1.redis-headless:26379")
			.set("redis.existingSecret", "seta-redis")
			.set("networkPolicy.enabled", true)
			.set("replicaCount", 2));
		Map<String, Object> redis = new Node(yaml(manifests.applicationConfig())).path("spring", "data", "redis").map();
		assertThat(new Node(redis).path("sentinel").map()).containsEntry("master", "mymaster")
			.containsEntry("nodes", List.of("redis-node-0.redis-headless:26379", "redis-node-1.redis-headless:26379"));
		assertThat(redis).doesNotContainKey("cluster");
		for (String variable : List.of("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_SENTINEL_PASSWORD")) {
			assertThat(new Node(manifests.env(variable)).path("valueFrom", "secretKeyRef").map()).as(variable)
				.containsEntry("name", "seta-redis")
				.containsEntry("key", "redis-password");
		}
		Node policy = new Node(manifests.ofKind("NetworkPolicy").get(0)).path("spec");
		assertThat(new Node(policy.list("egress").get(1)).list("ports")).containsExactly(
				Map.of("port", 6379, "protocol", "TCP"), Map.of("port", 26379, "protocol", "TCP"));
	}

	@Test
	void shouldConnectToARedisClusterThroughItsNodes() {
		Manifests manifests = render((template) -> template.set("store.type", "redis")
			.set("redis.cluster.nodes[0]", "redis-cluster-0.redis-cluster-headless:6379")
			.set("redis.cluster.nodes[1]", "redis-cluster-1.redis-cluster-headless:6380")
			.set("networkPolicy.enabled", true));
		Map<String, Object> redis = new Node(yaml(manifests.applicationConfig())).path("spring", "data", "redis").map();
		assertThat(new Node(redis).path("cluster").get("nodes")).isEqualTo(
				List.of("redis-cluster-0.redis-cluster-headless:6379", "redis-cluster-1.redis-cluster-headless:6380"));
		assertThat(redis).doesNotContainKey("sentinel");
		assertThat(manifests.container().list("env")).extracting((env) -> env.get("name"))
			.doesNotContain("SPRING_DATA_REDIS_SENTINEL_PASSWORD");
		Node policy = new Node(manifests.ofKind("NetworkPolicy").get(0)).path("spec");
		assertThat(new Node(policy.list("egress").get(1)).list("ports")).containsExactly(
				Map.of("port", 6379, "protocol", "TCP"), Map.of("port", 6380, "protocol", "TCP"));
	}

	@Test
	void shouldTrustTheRedisCaFromASecretAndWaitForAReplicaWhenAsked() {
		Manifests manifests = render((template) -> template.set("store.type", "redis")
			.set("redis.host", "redis.example.org")
			.set("redis.tls", true)
			.set("redis.tlsCaSecret", "seta-redis-ca")
			.set("redis.waitReplicas", 1));
		Map<String, Object> config = yaml(manifests.applicationConfig());
		assertThat(new Node(config).path("spring", "data", "redis", "ssl").map()).containsEntry("enabled", true)
			.containsEntry("bundle", "redis");
		assertThat(new Node(config).path("spring", "ssl", "bundle", "pem", "redis", "truststore").get("certificate"))
			.isEqualTo("file:/etc/seta-gateway/redis-tls/ca.crt");
		assertThat(new Node(config).path("seta", "store", "redis").get("wait-replicas")).isEqualTo(1);
		assertThat(new Node(manifests.volume("redis-tls")).path("secret").get("secretName")).isEqualTo("seta-redis-ca");
		assertThat(manifests.container().list("volumeMounts")).anySatisfy((mount) -> assertThat(mount)
			.containsEntry("name", "redis-tls")
			.containsEntry("mountPath", "/etc/seta-gateway/redis-tls")
			.containsEntry("readOnly", true));
		// without the CA Secret: the JVM's CAs, no bundle, no volume; and no replica to wait for by default
		Manifests plain = render((template) -> template.set("store.type", "redis").set("redis.host", "redis"));
		assertThat(new Node(yaml(plain.applicationConfig())).path("spring", "data", "redis", "ssl").map())
			.doesNotContainKey("bundle");
		assertThat(new Node(yaml(plain.applicationConfig())).path("seta", "store", "redis").get("wait-replicas"))
			.isEqualTo(0);
		assertThat(plain.deployment().path("spec", "template", "spec").list("volumes"))
			.noneSatisfy((volume) -> assertThat(volume).containsEntry("name", "redis-tls"));
	}

	@Test
	void shouldRefuseARedisCaWithoutTls() {
		assertThatThrownBy(() -> render((template) -> template.set("store.type", "redis")
			.set("redis.host", "redis")
			.set("redis.tlsCaSecret", "seta-redis-ca"))).hasMessageContaining("set redis.tls=true too");
	}

	@Test
	void shouldRefuseHalfASentinelSettingOrSentinelWithCluster() {
		assertThatThrownBy(() -> render((template) -> template.set("store.type", "redis")
			.set("redis.sentinel.master", "mymaster")))
			.hasMessageContaining("Sentinel needs both redis.sentinel.master and redis.sentinel.nodes");
		assertThatThrownBy(() -> render((template) -> template.set("store.type", "redis")
			.set("redis.sentinel.master", "mymaster")
			.set("redis.sentinel.nodes[0]", "sentinel:26379")
			.set("redis.cluster.nodes[0]", "cluster:6379"))).hasMessageContaining("not both");
		assertThatThrownBy(() -> render((template) -> template.set("store.type", "redis")
			.set("redis.cluster.nodes[0]", "cluster:6379")
			.set("redis.database", 2))).hasMessageContaining("set redis.database=0");
		assertThatThrownBy(() -> render((template) -> template.set("store.type", "redis")
			.set("redis.cluster.nodes[0]", "cluster"))).hasMessageContaining("redis.cluster.nodes.0");
	}

	@Test
	void shouldRenderAnIngressWhenEnabled() {
		Manifests manifests = render((template) -> template.set("ingress.enabled", true)
			.set("ingress.className", "nginx")
			.set("ingress.hosts[0].host", "seta.example.org")
			.set("ingress.hosts[0].paths[0].path", "/")
			.set("ingress.hosts[0].paths[0].pathType", "Prefix"));
		Node ingress = new Node(manifests.ofKind("Ingress").get(0));
		assertThat(ingress.path("spec").get("ingressClassName")).isEqualTo("nginx");
		assertThat(ingress.toString()).contains("seta.example.org");
	}

	@Test
	void shouldAutoscaleOnRedis() {
		Manifests manifests = render((template) -> template.set("autoscaling.enabled", true)
			.set("store.type", "redis")
			.set("redis.host", "redis"));
		Node hpa = new Node(manifests.ofKind("HorizontalPodAutoscaler").get(0));
		assertThat(hpa.path("spec").get("minReplicas")).isEqualTo(2);
		assertThat(manifests.deployment().path("spec").map()).doesNotContainKey("replicas");
		assertThat(manifests.ofKind("PodDisruptionBudget")).hasSize(1);
	}

	@Test
	void shouldRenderANetworkPolicyThatLetsTheGatewayReachOnlyDnsRedisAndItsBackends() {
		Manifests manifests = render((template) -> template.set("networkPolicy.enabled", true)
			.set("store.type", "redis")
			.set("redis.host", "redis"));
		Node policy = new Node(manifests.ofKind("NetworkPolicy").get(0)).path("spec");
		assertThat(policy.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		List<Map<String, Object>> ingress = policy.list("ingress");
		assertThat(ingress).hasSize(2);
		Map<String, Object> management = ingress.get(1);
		assertThat(new Node(management).list("ports")).containsExactly(Map.of("port", "management"));
		assertThat(management.toString()).contains("kubernetes.io/metadata.name=monitoring");
		List<Map<String, Object>> egress = policy.list("egress");
		assertThat(egress).hasSize(3);
		assertThat(new Node(egress.get(0)).list("ports")).extracting((port) -> port.get("port")).containsOnly(53);
		assertThat(egress.get(0).toString()).contains("k8s-app=kube-dns");
		assertThat(new Node(egress.get(1)).list("ports")).containsExactly(Map.of("port", 6379, "protocol", "TCP"));
		assertThat(new Node(egress.get(2)).list("ports")).extracting((port) -> port.get("port"))
			.containsExactly(8081, 8082, 8083);
	}

	@Test
	void shouldLetTheGatewayReachTheCollectorThroughTheNetworkPolicyOnlyWithTracingOn() {
		Node untraced = new Node(render((template) -> template.set("networkPolicy.enabled", true)).ofKind("NetworkPolicy")
			.get(0)).path("spec");
		assertThat(untraced.list("egress")).noneMatch((rule) -> rule.toString().contains("4318"));
		Node traced = new Node(render((template) -> template.set("networkPolicy.enabled", true)
			.set("tracing.enabled", true)
			.set("tracing.otlpEndpoint", "http://otel-collector.monitoring:4318/v1/traces")).ofKind("NetworkPolicy")
			.get(0)).path("spec");
		List<Map<String, Object>> egress = traced.list("egress");
		assertThat(egress).hasSize(untraced.list("egress").size() + 1);
		Map<String, Object> collector = egress.get(egress.size() - 1);
		assertThat(new Node(collector).list("ports")).containsExactly(Map.of("port", 4318));
		assertThat(collector.toString()).contains("kubernetes.io/metadata.name=monitoring");
	}

	@Test
	void shouldRenderAServiceMonitorOnTheManagementPort() {
		Manifests manifests = render((template) -> template.set("serviceMonitor.enabled", true));
		Node monitor = new Node(manifests.ofKind("ServiceMonitor").get(0));
		Map<String, Object> endpoint = monitor.path("spec").list("endpoints").get(0);
		assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
	}

	@Test
	void shouldRenderTrustedIssuersAsTheGatewayBindsThem() throws IOException {
		Path values = Files.createTempFile("trusted-issuers", ".yaml");
		Files.writeString(values, """
				edge:
				  trustedIssuers:
				    - issuer: https://ecas.example.eu/cas/oauth2
				      audiences: [seta]
				      provider: ecas
				      requirePrincipal: true
				      staleLimit: 30m
				    - issuer: https://keycloak.example.org/realms/seta
				      jwksUri: https://keycloak.example.org/realms/seta/protocol/openid-connect/certs
				      audiences: [seta-console, seta-api]
				      provider: keycloak
				      algorithms: [PS256]
				      usernameClaim: email
				      roleClaim: realm_access.roles
				      roleMapping:
				        seta.admin: Administrator
				        "realm:user": User
				      defaultRole: User
				""", StandardCharsets.UTF_8);
		String config = render((template) -> template.withValuesFile(values)).applicationConfig();
		org.springframework.core.env.PropertySource<?> yaml = new org.springframework.boot.env.YamlPropertySourceLoader()
			.load("application.yml", new org.springframework.core.io.ByteArrayResource(
					config.getBytes(StandardCharsets.UTF_8)))
			.get(0);
		eu.seta.gateway.issuers.TrustedIssuersProperties bound = new org.springframework.boot.context.properties.bind.Binder(
				org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(yaml))
			.bind(eu.seta.gateway.issuers.TrustedIssuersProperties.PREFIX,
					eu.seta.gateway.issuers.TrustedIssuersProperties.class)
			.get();
		assertThat(bound.trustedIssuers()).hasSize(2);
		var ecas = bound.trustedIssuers().get(0);
		assertThat(ecas.id()).isEqualTo("https://ecas.example.eu/cas/oauth2");
		assertThat(ecas.requirePrincipal()).isTrue();
		assertThat(ecas.staleLimit()).hasMinutes(30);
		assertThat(ecas.algorithms()).containsExactly("RS256", "ES256");
		var keycloak = bound.trustedIssuers().get(1);
		assertThat(keycloak.audiences()).containsExactly("seta-console", "seta-api");
		assertThat(keycloak.algorithms()).containsExactly("PS256");
		assertThat(keycloak.usernameClaim()).isEqualTo("email");
		assertThat(keycloak.roleMapping()).containsExactlyInAnyOrderEntriesOf(
				Map.of("seta.admin", "Administrator", "realm:user", "User"));
		assertThat(render((template) -> {
		}).applicationConfig()).doesNotContain("trusted-issuers");
	}

	@Test
	void shouldRefuseATrustedIssuerWithoutAudiencesOrWithAnHmacAlgorithm() {
		assertThatThrownBy(() -> render((template) -> template.set("edge.trustedIssuers[0].issuer", "https://a.example")
			.set("edge.trustedIssuers[0].provider", "ecas"))).hasMessageContaining("audiences");
		assertThatThrownBy(() -> render((template) -> template.set("edge.trustedIssuers[0].issuer", "https://a.example")
			.set("edge.trustedIssuers[0].provider", "ecas")
			.set("edge.trustedIssuers[0].audiences[0]", "seta")
			.set("edge.trustedIssuers[0].algorithms[0]", "HS256"))).hasMessageContaining("algorithms");
		assertThatThrownBy(() -> render((template) -> template.set("edge.trustedIssuers[0].issuer", "https://a.example")
			.set("edge.trustedIssuers[0].provider", "ecas")
			.set("edge.trustedIssuers[0].audiences[0]", "seta")
			.set("edge.trustedIssuers[0].audience", "typo"))).hasMessageContaining("audience");
	}

	@Test
	void shouldRefuseATypoWithAMessageNamingIt() {
		assertThatThrownBy(() -> render((template) -> template.set("replicaCont", 2))).hasMessageContaining("replicaCont");
		assertThatThrownBy(() -> render((template) -> template.set("redis.hots", "redis"))).hasMessageContaining("hots");
	}

	@Test
	void shouldRefuseSeveralReplicasOnTheMemoryStore() {
		assertThatThrownBy(() -> render((template) -> template.set("replicaCount", 2)))
			.hasMessageContaining("several replicas need a shared store: set store.type=redis");
		assertThatThrownBy(() -> render((template) -> template.set("autoscaling.enabled", true)))
			.hasMessageContaining("several replicas need a shared store");
	}

	@Test
	void shouldRefuseAMissingKeySecretOrRedisHost() {
		assertThatThrownBy(() -> render((template) -> template.set("keys.existingSecret", "")))
			.hasMessageContaining("set keys.existingSecret");
		assertThatThrownBy(() -> render((template) -> template.set("store.type", "redis")))
			.hasMessageContaining("set redis.host");
	}

	private static Map<String, Object> yaml(String text) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
	}

	private static Object checksum(Manifests manifests) {
		return manifests.deployment().path("spec", "template", "metadata", "annotations").get("checksum/config");
	}

	private static Manifests render(Consumer<TemplateCommand> values) {
		TemplateCommand template = new Helm(CHART).template().withName("seta-gateway");
		values.accept(template);
		return new Manifests(template.call());
	}

	/** The rendered documents. */
	record Manifests(String text) {

		List<Map<String, Object>> all() {
			List<Map<String, Object>> documents = new ArrayList<>();
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(this.text)) {
				if (document instanceof Map<?, ?> map) {
					@SuppressWarnings("unchecked")
					Map<String, Object> resource = (Map<String, Object>) map;
					documents.add(resource);
				}
			}
			return documents;
		}

		List<Map<String, Object>> ofKind(String kind) {
			return all().stream().filter((resource) -> kind.equals(resource.get("kind"))).toList();
		}

		Node deployment() {
			return new Node(ofKind("Deployment").get(0));
		}

		Node container() {
			return new Node(deployment().path("spec", "template", "spec").list("containers").get(0));
		}

		Map<String, Object> env(String name) {
			return container().list("env").stream().filter((env) -> name.equals(env.get("name"))).findFirst().orElseThrow();
		}

		Map<String, Object> volume(String name) {
			return deployment().path("spec", "template", "spec")
				.list("volumes")
				.stream()
				.filter((volume) -> name.equals(volume.get("name")))
				.findFirst()
				.orElseThrow();
		}

		String applicationConfig() {
			return String.valueOf(new Node(ofKind("ConfigMap").get(0)).path("data").get("application.yml"));
		}

	}

	/** A step into nested YAML maps. */
	record Node(Map<String, Object> map) {

		@SuppressWarnings("unchecked")
		Node path(String... keys) {
			Map<String, Object> current = this.map;
			for (String key : keys) {
				current = (Map<String, Object>) current.get(key);
				assertThat(current).as("missing " + key).isNotNull();
			}
			return new Node(current);
		}

		Object get(String key) {
			return this.map.get(key);
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> list(String key) {
			return (List<Map<String, Object>>) this.map.get(key);
		}

		@Override
		public String toString() {
			return this.map.toString();
		}

	}

}
