package eu.seta.gateway.routes;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.TestEdge;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.support.ShortcutConfigurable.ShortcutType;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The route requirements as Spring Cloud Gateway builds them from YAML. Over HTTP ({@link RouteRequirementsTests})
 * they are built once, when a test context starts; here every decision is made where a test can see it.
 */
class CallerRequirementTests {

	private final RequireRoleGatewayFilterFactory requireRole = new RequireRoleGatewayFilterFactory(TestEdge.challenges());

	private final RequireUserTypeGatewayFilterFactory requireUserType = new RequireUserTypeGatewayFilterFactory(
			TestEdge.challenges());

	@Test
	void theOneLineYamlFormGathersEveryCommaSeparatedValue() {
		assertThat(this.requireRole.shortcutType()).isEqualTo(ShortcutType.GATHER_LIST);
		assertThat(this.requireRole.shortcutFieldOrder()).containsExactly("values");
		assertThat(this.requireRole.name()).isEqualTo("RequireRole");
		assertThat(this.requireUserType.name()).isEqualTo("RequireUserType");
	}

	@Test
	void aRequirementWithoutValuesStopsStartUpNamingTheFilter() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.requireRole.apply(config()))
			.withMessageContaining("RequireRole needs at least one value");
	}

	@Test
	void aCallerWithOneOfTheAllowedRolesPasses() {
		GatewayFilter filter = this.requireRole.apply(config("Administrator", "Editor"));
		assertThat(call(filter, caller("Editor", "user")).passed()).isTrue();
		assertThat(call(filter, caller("Administrator", "user")).passed()).isTrue();
	}

	@Test
	void aCallerWithAnotherRoleIsRefusedWithTheRolesTheRouteWants() {
		Outcome outcome = call(this.requireRole.apply(config("Editor", "Administrator")), caller("User", "user"));
		assertThat(outcome.passed()).isFalse();
		assertThat(outcome.exchange().getResponse().getStatusCode().value()).isEqualTo(403);
		assertThat(outcome.body()).isEqualTo("{\"error\":\"insufficient_scope\","
				+ "\"message\":\"This route requires the role Administrator or Editor.\"}");
		assertThat(outcome.exchange().getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.contains("error=\"insufficient_scope\"");
	}

	@Test
	void aCallerOfAnotherTypeIsRefusedWithTheTypesTheRouteWants() {
		GatewayFilter filter = this.requireUserType.apply(config("application"));
		assertThat(call(filter, caller("User", "application")).passed()).isTrue();
		Outcome outcome = call(filter, caller("Administrator", "user"));
		assertThat(outcome.passed()).isFalse();
		assertThat(outcome.body()).contains("\"message\":\"This route is for callers of type application.\"");
	}

	@Test
	void aCallWithoutAVerifiedCallerIsUnauthenticatedNotForbidden() {
		Outcome outcome = call(this.requireRole.apply(config("User")), null);
		assertThat(outcome.passed()).isFalse();
		assertThat(outcome.exchange().getResponse().getStatusCode().value()).isEqualTo(401);
		assertThat(outcome.body()).contains("\"error\":\"invalid_token\"");
	}

	private static CallerRequirementGatewayFilterFactory.Config config(String... values) {
		CallerRequirementGatewayFilterFactory.Config config = new CallerRequirementGatewayFilterFactory.Config();
		config.setValues(List.of(values));
		assertThat(config.getValues()).containsExactly(values);
		return config;
	}

	private static Caller caller(String role, String userType) {
		return new Caller("u-1", "github", "someone", role, userType, "jti-1", "sid-1", 0, "");
	}

	private static Outcome call(GatewayFilter filter, Caller caller) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/route/x"));
		if (caller != null) {
			TestEdge.verified(exchange, caller);
		}
		AtomicBoolean passed = new AtomicBoolean();
		filter.filter(exchange, (passedOn) -> Mono.fromRunnable(() -> passed.set(true))).block();
		return new Outcome(exchange, passed.get());
	}

	private record Outcome(MockServerWebExchange exchange, boolean passed) {

		String body() {
			return this.exchange.getResponse().getBodyAsString().block();
		}

	}

}
