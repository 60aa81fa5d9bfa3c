package eu.seta.gateway.edge;

import java.util.List;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code @RequestMapping} table answers "none" for every path outside the gateway's own without looking;
 * that may only ever skip nothing, so every mapping it holds must be under an own path.
 */
class OwnEndpointsHandlerMappingTests extends GatewayIntegrationTest {

	@Autowired
	private RequestMappingHandlerMapping mapping;

	@Test
	void theTableInUseIsTheOneThatSkipsProxiedPaths() {
		assertThat(this.mapping).isInstanceOf(OwnEndpointsHandlerMapping.class);
	}

	@Test
	void everyMappingInTheTableIsUnderAnOwnPath() {
		List<String> patterns = this.mapping.getHandlerMethods()
			.keySet()
			.stream()
			.map(RequestMappingInfo::getPatternsCondition)
			.flatMap((condition) -> condition.getPatterns().stream())
			.map(PathPattern::getPatternString)
			.toList();
		// the token API, its keys, metadata and document are in it: an empty table would prove nothing
		assertThat(patterns).contains("/authentication/v1/token", "/authentication/v1/token/refresh",
				"/authentication/v1/jwks", "/.well-known/oauth-authorization-server", "/authentication/v1/doc");
		assertThat(patterns).allSatisfy((pattern) -> assertThat(EdgePaths.isGatewayOwn(pattern))
			.as("a @RequestMapping outside the gateway's own paths would never be found: %s", pattern)
			.isTrue());
	}

	@Test
	void anOwnPathIsLookedUpAndAProxiedOneIsNot() {
		assertThat(this.mapping.getHandler(exchange("/authentication/v1/jwks")).block()).isNotNull();
		assertThat(this.mapping.getHandler(exchange("/seta-search/api/v1/corpus")).block()).isNull();
		// the table's own paths appended to a proxied prefix are still proxied
		assertThat(this.mapping.getHandler(exchange("/seta-search/authentication/v1/jwks")).block()).isNull();
	}

	@Test
	void theTokenApiStillAnswersOverHttp() {
		this.client.get().uri("/authentication/v1/jwks").exchange().expectStatus().isOk();
		this.client.get().uri("/.well-known/oauth-authorization-server").exchange().expectStatus().isOk();
		// a method the table does not map on an own path: found in the table, refused by it
		this.client.put().uri("/authentication/v1/jwks").exchange().expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path));
	}

}
