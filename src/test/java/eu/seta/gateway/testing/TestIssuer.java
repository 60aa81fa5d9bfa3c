package eu.seta.gateway.testing;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OpenID Connect provider for the tests of trusted issuers: NAV's mock-oauth2-server, with discovery, JWKS
 * and RS256 tokens for any issuer id (its path; the key id of its key is the issuer id too). Its tokens are issued
 * at the time of the clock given, so that they line up with a gateway's hand-moved clock. It can be stopped and
 * started again on the same port, with the same keys (an outage) or new ones (a key replaced in place).
 */
public final class TestIssuer implements AutoCloseable {

	private final Supplier<Clock> clock;

	private KeyProvider keys;

	private MockOAuth2Server server;

	private int port;

	private TestIssuer(Supplier<Clock> clock) {
		this.clock = clock;
		this.keys = newKeys();
		// a port given, not 0: only then does the server socket reuse its address, which a restart on it needs
		this.port = freePort();
		this.server = start(this.port);
	}

	/** @param clock read for every token issued, so a test may hand its clock over later */
	public static TestIssuer start(Supplier<Clock> clock) {
		return new TestIssuer(clock);
	}

	/** The issuer identifier of this issuer id, as its tokens and discovery document name it. */
	public String issuer(String id) {
		return "http://localhost:" + this.port + "/" + id;
	}

	/** An access token of that issuer for {@code sub}, with that audience, the claims and lifetime given. */
	public String token(String id, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
		return this.server
			.issueToken(id, "seta-console",
					new DefaultOAuth2TokenCallback(id, subject, JOSEObjectType.JWT.getType(), List.of(audience),
							claims, expirySeconds))
			.serialize();
	}

	public String token(String id, String subject, String audience, Map<String, Object> claims) {
		return token(id, subject, audience, claims, 3600);
	}

	/** The private key the issuer signs with for that issuer id: what an attack test needs to forge well. */
	public RSAKey signingKey(String id) {
		return this.keys.signingKey(id).toRSAKey();
	}

	/** A token signed by hand with this key, header and claims: the shapes the server would never issue. */
	public static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static JWSHeader.Builder rs256(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT);
	}

	/** Claims as the issuer would write them, at the clock's time. */
	public JWTClaimsSet.Builder claims(String id, String subject, String audience) {
		Instant now = this.clock.get().instant();
		return new JWTClaimsSet.Builder().issuer(issuer(id))
			.subject(subject)
			.audience(audience)
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(3600)));
	}

	/** HTTP requests the server has answered (discovery documents and key sets) since it last started. */
	public int requests() {
		return ((MockWebServerWrapper) this.server.getConfig().getHttpServer()).getMockWebServer().getRequestCount();
	}

	/** The issuer goes away: its port refuses connections. */
	public void stop() {
		this.server.shutdown();
	}

	/** Back on the same port with the same keys. */
	public void restart() {
		this.server = start(this.port);
	}

	/** Back on the same port with new keys under the same key ids: a key replaced in place. */
	public void restartWithNewKeys() {
		this.server.shutdown();
		this.keys = newKeys();
		this.server = start(this.port);
	}

	@Override
	public void close() {
		this.server.shutdown();
	}

	/**
	 * On its port, again after a stop: the port may be held a moment after the last server closed it (its
	 * connections with the gateway are closing), so the bind is tried until it succeeds.
	 */
	private MockOAuth2Server start(int onPort) {
		java.util.concurrent.atomic.AtomicReference<MockOAuth2Server> started = new java.util.concurrent.atomic.AtomicReference<>();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				OAuth2TokenProvider tokens = new OAuth2TokenProvider(this.keys, () -> this.clock.get().instant());
				MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, tokens,
						java.util.Set.of(), new MockWebServerWrapper()));
				try {
					server.start(InetAddress.getByName("localhost"), onPort);
					started.set(server);
					return true;
				}
				catch (Exception ex) {
					// java.net.BindException, which Kotlin throws undeclared
					return false;
				}
			});
		return started.get();
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Generated keys rather than the server's fixed ones, which every user of the library shares. */
	private static KeyProvider newKeys() {
		return new KeyProvider(List.of(), JWSAlgorithm.RS256.getName());
	}

}
