package eu.seta.bench.bare;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Spring Cloud Gateway with nothing added: what the edge's routes would cost without authentication. Its only
 * configuration is the route in {@code application.yml}; the port and the backend come from the command line
 * ({@code --server.port=... --backend.uri=...}).
 */
@SpringBootApplication
public class BareGatewayApplication {

	public static void main(String[] args) {
		// Only this jar's application.yml: started from the repository's root, Boot would also read the product's
		// ./config/application.yml and route to the product's backends.
		new SpringApplicationBuilder(BareGatewayApplication.class)
			.properties("spring.config.location=classpath:/application.yml")
			.run(args);
	}

}
