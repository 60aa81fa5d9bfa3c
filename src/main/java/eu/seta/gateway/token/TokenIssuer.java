package eu.seta.gateway.token;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code iss} of every access token, what the edge requires of a bearer token, and the base of the metadata
 * URLs: {@code seta.token.issuer} exactly as set (without a trailing slash, so that {@code iss} compares exactly).
 * Unset, it is {@code http://localhost:<port>} of the port the gateway really listens on, known once the server
 * has started, so that a gateway started with {@code --server.port=9000}, or on a random port, accepts its own
 * tokens and publishes metadata that points at itself. That default is for a developer's machine: start-up says
 * so.
 */
@Component
public final class TokenIssuer implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

	private final boolean configured;

	private volatile String id;

	@Autowired
	TokenIssuer(TokenProperties properties, Environment environment) {
		this(properties.issuer(), environment.getProperty("server.port", Integer.class, 8080));
	}

	private TokenIssuer(@Nullable URI issuer, int port) {
		this.configured = issuer != null;
		this.id = (issuer != null) ? withoutTrailingSlash(issuer.toString()) : localhost(port);
	}

	/** The issuer of these settings, outside a running server: the configured one, else the default port's. */
	public static TokenIssuer of(TokenProperties properties) {
		return new TokenIssuer(properties.issuer(), 8080);
	}

	public String id() {
		return this.id;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// the management server starts its own web server on its own port: only the public one counts
		if (this.configured || event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		this.id = localhost(event.getWebServer().getPort());
		log.warn("seta.token.issuer is not set: tokens and /.well-known/oauth-authorization-server name {} as "
				+ "their issuer. Set it (SETA_TOKEN_ISSUER) to the gateway's public URL anywhere but on a "
				+ "developer's machine.", this.id);
	}

	private static String localhost(int port) {
		return "http://localhost:" + port;
	}

	private static String withoutTrailingSlash(String text) {
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

}
