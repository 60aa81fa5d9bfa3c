package eu.seta.gateway.token;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and version of the OpenAPI description served at {@code /authentication/v1/doc}. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI tokenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI().info(new Info().title("SeTA gateway: token API")
			.version((properties != null) ? properties.getVersion() : "dev")
			.description("Log in by signing a message with a registered RSA key; refresh and revoke the tokens. "
					+ "Errors are JSON: {\"error\": <RFC 6749/6750 code>, \"message\": <text>}."));
	}

}
