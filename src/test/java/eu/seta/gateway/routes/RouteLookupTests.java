package eu.seta.gateway.routes;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's route lookup finds for every request the route Spring Cloud Gateway's own lookup finds: the first
 * in order whose predicate holds, with predicates that answer at once, later, combined, and not at all.
 */
class RouteLookupTests {

	private static final FilteringWebHandler NO_FILTERS = new FilteringWebHandler(List.of(), false);

	private final List<Route> routes = List.of(
			route("search", (exchange) -> path(exchange).startsWith("/seta-search/")),
			// answers later: a predicate of Spring Cloud Gateway's that reads the body works like this
			Route.async()
				.id("slow-nlp")
				.uri(URI.create("http://backend:8083"))
				.asyncPredicate((exchange) -> Mono.just(path(exchange).startsWith("/seta-nlp/"))
					.delayElement(Duration.ofMillis(5)))
				.build(),
			// overlaps the first: never reached for /seta-search/, reached for /seta-search-v2
			route("search-wide", (exchange) -> path(exchange).startsWith("/seta-search")),
			route("ui", (exchange) -> path(exchange).startsWith("/seta-ui/")),
			// and-combined predicates answer through flatMap, not at once
			Route.async()
				.id("combined")
				.uri(URI.create("http://backend:8084"))
				.asyncPredicate(AsyncPredicate.from((ServerWebExchange exchange) -> path(exchange).startsWith("/both/"))
					.and(AsyncPredicate.from((ServerWebExchange exchange) -> exchange.getRequest()
						.getHeaders()
						.containsHeader("X-Both"))))
				.build());

	private final RoutePredicateHandlerMapping springCloudGateways = new RoutePredicateHandlerMapping(NO_FILTERS,
			() -> Flux.fromIterable(this.routes), new GlobalCorsProperties(), new MockEnvironment());

	private final RouteLookup lookup = new RouteLookup(NO_FILTERS, () -> Flux.fromIterable(this.routes),
			new GlobalCorsProperties(), new MockEnvironment());

	@ParameterizedTest
	@ValueSource(strings = { "/seta-search/api/v1/corpus", "/seta-search-v2/x", "/seta-nlp/api", "/seta-ui/index.html",
			"/both/x", "/nowhere", "/", "/seta-uix" })
	void findsTheRouteSpringCloudGatewayFinds(String path) {
		assertThat(routeFoundBy(this.lookup, path)).isEqualTo(routeFoundBy(this.springCloudGateways, path));
	}

	@Test
	void theFirstMatchingRouteInOrderWinsWhateverAnswersLater() {
		assertThat(routeFoundBy(this.lookup, "/seta-search/api/v1/corpus")).isEqualTo("search");
		assertThat(routeFoundBy(this.lookup, "/seta-search-v2/x")).isEqualTo("search-wide");
		assertThat(routeFoundBy(this.lookup, "/seta-nlp/api")).isEqualTo("slow-nlp");
		assertThat(routeFoundBy(this.lookup, "/nowhere")).isNull();
		MockServerWebExchange both = MockServerWebExchange.from(MockServerHttpRequest.get("/both/x").header("X-Both", "1"));
		assertThat(this.lookup.getHandler(both).block()).isNotNull();
		assertThat(both.<Route>getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR).getId()).isEqualTo("combined");
	}

	@Test
	void aPredicateThatFailsEndsTheLookupAsInSpringCloudGateway() {
		List<Route> failing = List.of(route("broken", (exchange) -> {
			throw new IllegalStateException("broken predicate");
		}), route("any", (exchange) -> true));
		RouteLookup lookup = new RouteLookup(NO_FILTERS, () -> Flux.fromIterable(failing), new GlobalCorsProperties(),
				new MockEnvironment());
		RoutePredicateHandlerMapping theirs = new RoutePredicateHandlerMapping(NO_FILTERS,
				() -> Flux.fromIterable(failing), new GlobalCorsProperties(), new MockEnvironment());
		assertThat(outcome(lookup, "/x")).isEqualTo(outcome(theirs, "/x"));
	}

	private static String outcome(RoutePredicateHandlerMapping mapping, String path) {
		try {
			return String.valueOf(routeFoundBy(mapping, path));
		}
		catch (RuntimeException ex) {
			return "failed: " + ex.getMessage();
		}
	}

	private static String routeFoundBy(RoutePredicateHandlerMapping mapping, String path) {
		MockServerWebExchange exchange = exchange(path);
		Object handler = mapping.getHandler(exchange).block(Duration.ofSeconds(5));
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		assertThat(handler == null).isEqualTo(route == null);
		return (route != null) ? route.getId() : null;
	}

	private static Route route(String id, Predicate<ServerWebExchange> predicate) {
		return Route.async().id(id).uri(URI.create("http://backend:8081")).predicate(predicate).build();
	}

	private static String path(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().value();
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path));
	}

}
