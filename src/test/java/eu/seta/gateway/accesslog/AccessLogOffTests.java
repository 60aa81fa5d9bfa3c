package eu.seta.gateway.accesslog;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Off by default: no filter on the request path, no line. */
class AccessLogOffTests extends GatewayIntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void offByDefaultWithNothingOnTheRequestPath() {
		assertThat(this.context.getBeansOfType(AccessLogFilter.class)).isEmpty();
		try (AccessLogLines log = new AccessLogLines()) {
			this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
			assertThat(log.lines()).isEmpty();
		}
	}

}
