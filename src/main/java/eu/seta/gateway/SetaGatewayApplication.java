package eu.seta.gateway;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The single ingress of the SeTA platform: hosts the token API and guards every proxied route.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SetaGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(SetaGatewayApplication.class, args);
	}

	/** Time is a bean so that expiry is tested at its exact boundary, without sleeping. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
