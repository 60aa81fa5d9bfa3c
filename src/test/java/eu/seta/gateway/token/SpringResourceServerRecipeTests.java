package eu.seta.gateway.token;

import java.time.Instant;
import java.util.Map;

import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.StandardPrincipals;
import eu.seta.gateway.testing.TestJwts;
import eu.seta.gateway.testing.TestSigningKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Spring Boot recipe of docs/backends.md, as a backend would write it: a stock {@link NimbusReactiveJwtDecoder}
 * reading a running gateway's JWKS accepts the gateway's access tokens and refuses tampered or foreign ones. A
 * gateway of its own, on the real clock, since the stock decoder checks {@code nbf} and {@code exp} against it.
 */
class SpringResourceServerRecipeTests {

	private static final String ISSUER = "https://seta.example.org";

	private static RunningGateway gateway;

	@BeforeAll
	static void startGateway() {
		gateway = RunningGateway.start(Map.of("seta.token.issuer", ISSUER));
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	/** Exactly the bean of docs/backends.md, with the JWKS address of the running gateway. */
	private static NimbusReactiveJwtDecoder decoderAsTheDocSays(String issuer) {
		String jwksUri = "http://localhost:" + gateway.port() + "/.well-known/jwks.json";
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
			.jwsAlgorithms((algorithms) -> {
				algorithms.add(SignatureAlgorithm.RS256);
				algorithms.add(SignatureAlgorithm.ES256);
			})
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
				new JwtAudienceValidator("seta-api"), new JwtTypeValidator("at+jwt"),
				new JwtClaimValidator<String>("type", "access"::equals)));
		return decoder;
	}

	private static Jwt decode(String token) {
		return decoderAsTheDocSays(ISSUER).decode(token).block();
	}

	@Test
	void acceptsAnAccessTokenFromTheGateway() {
		String token = gateway.tokens().login(StandardPrincipals.ALICE, StandardPrincipals.ALICE_KEY.getPrivate())
			.accessToken();
		Jwt jwt = decode(token);
		assertThat(jwt.getSubject()).isEqualTo("u-alice");
		assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt");
		assertThat(jwt.getAudience()).containsExactly("seta-api");
		assertThat(jwt.getClaimAsString("role")).isEqualTo("User");
	}

	@Test
	void refusesTheTokenWithOneClaimChanged() {
		String token = gateway.tokens().login(StandardPrincipals.ALICE, StandardPrincipals.ALICE_KEY.getPrivate())
			.accessToken();
		String[] parts = token.split("\\.");
		String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		String tampered = parts[0] + "." + TestJwts.encode(claims.replace("\"User\"", "\"Administrator\"")) + "."
				+ parts[2];
		assertThat(tampered).isNotEqualTo(token);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(tampered))
			.havingRootCause()
			.withMessageContaining("Invalid signature");
	}

	@Test
	void refusesTheTokenWithItsSignatureChanged() {
		String token = gateway.tokens().login(StandardPrincipals.ALICE, StandardPrincipals.ALICE_KEY.getPrivate())
			.accessToken();
		int last = token.length() - 5;
		char flipped = (token.charAt(last) == 'A') ? 'B' : 'A';
		String tampered = token.substring(0, last) + flipped + token.substring(last + 1);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(tampered))
			.havingRootCause()
			.withMessageContaining("Invalid signature");
	}

	@Test
	void refusesATokenOfAnotherIssuer() {
		String token = gateway.tokens().login(StandardPrincipals.ALICE, StandardPrincipals.ALICE_KEY.getPrivate())
			.accessToken();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoderAsTheDocSays("https://other.example.org").decode(token).block())
			.withMessageContaining("iss");
	}

	/** Signed with the gateway's own key, so only the checks after the signature can refuse them. */
	@Test
	void refusesSignedTokensOfAnotherTypeAudienceOrKind() {
		Instant now = Instant.now();
		String claims = TestJwts.claims(now, ISSUER, "seta-api", now.getEpochSecond() + 600, now.getEpochSecond());
		String header = TestJwts.header("RS256", TestSigningKeys.KID);
		assertThat(decode(TestJwts.rs256(header, claims, privateKey())).getSubject()).isEqualTo("u-alice");

		String plainJwt = header.replace("at+jwt", "JWT");
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decode(TestJwts.rs256(plainJwt, claims, privateKey())))
			.withMessageContaining("typ");
		String otherAudience = TestJwts.claims(now, ISSUER, "other-api", now.getEpochSecond() + 600,
				now.getEpochSecond());
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decode(TestJwts.rs256(header, otherAudience, privateKey())))
			.withMessageContaining("aud");
		String refreshKind = claims.replace("\"type\":\"access\"", "\"type\":\"refresh\"");
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decode(TestJwts.rs256(header, refreshKind, privateKey())))
			.withMessageContaining("type");
	}

	private static java.security.PrivateKey privateKey() {
		try {
			return TestSigningKeys.KEY.toPrivateKey();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
