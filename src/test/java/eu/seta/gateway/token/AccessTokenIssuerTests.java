package eu.seta.gateway.token;

import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.crypto.CryptoWorkers;
import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalStatus;
import eu.seta.gateway.directory.PrincipalType;
import eu.seta.gateway.directory.Role;
import eu.seta.gateway.keys.KeySet;
import eu.seta.gateway.keys.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import eu.seta.gateway.crypto.CryptoProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Each selectable algorithm signs tokens that verify with its published key. */
class AccessTokenIssuerTests {

	private final CryptoWorkers workers = new CryptoWorkers(2);

	@AfterEach
	void stop() {
		this.workers.destroy();
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256", "EdDSA" })
	void signsWithTheActiveKeysAlgorithm(String algorithm) throws Exception {
		JWK jwk = switch (algorithm) {
			case "RS256" -> new RSAKeyGenerator(2048).keyID("k").generate();
			case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("k").generate();
			default -> new OctetKeyPairGenerator(Curve.Ed25519).keyID("k").generate();
		};
		SigningKey key = new SigningKey("k", JWSAlgorithm.parse(algorithm), jwk, signer(jwk));
		AccessTokenIssuer issuer = issuer(
				new AtomicReference<>(KeySet.of(key, List.of(jwk.toPublicJWK()), CryptoProvider.jdk())));

		String token = issuer.issue(principal("alice"), "sess-1", true, Instant.parse("2026-11-28T10:00:00.500Z"))
			.block()
			.value();

		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
		assertThat(jwt.verify(verifier(jwt, jwk.toPublicJWK()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://gateway.example");
		assertThat(jwt.getJWTClaimsSet().getIssueTime()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
		assertThat(jwt.getJWTClaimsSet().getStringClaim("sid")).isEqualTo("sess-1");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("u1");
	}

	/**
	 * The issuer composes the token itself instead of through nimbus' {@code SignedJWT}. RS256 signatures are
	 * deterministic, so the token must be, byte for byte, the one nimbus makes of the same header and claims, also
	 * after the active key changed (the header is kept per key).
	 */
	@Test
	void composesTheTokenNimbusWouldComposeAcrossARotation() throws Exception {
		RSAKey first = new RSAKeyGenerator(2048).keyID("first").generate();
		RSAKey second = new RSAKeyGenerator(2048).keyID("second").generate();
		AtomicReference<KeySet> active = new AtomicReference<>(keySet(first));
		AccessTokenIssuer issuer = issuer(active);
		Principal principal = principal("alice");
		Instant now = Instant.parse("2026-11-28T10:00:00Z");

		String byFirst = issuer.issue(principal, "sess-1", true, now).block().value();
		active.set(keySet(second));
		String bySecond = issuer.issue(principal, "sess-2", false, now).block().value();

		assertThat(byFirst).isEqualTo(asNimbusSerializes(byFirst, first));
		assertThat(bySecond).isEqualTo(asNimbusSerializes(bySecond, second));
		assertThat(SignedJWT.parse(bySecond).getHeader().getKeyID()).isEqualTo("second");
	}

	/**
	 * A name a client chose goes into the claims: whatever characters it holds, the token's claims read back as
	 * nimbus reads the claims it would have written, and its signature holds.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "zoë-é", "quote\"back\\slash", "tab\tnew\nline\u0001\u001f\u007f",
			"</script><b>&amp;", "line\u2028sep\u2029", "emoji-\ud83d\ude00", "lone-\ud83d" })
	void claimsWithCharactersToEscapeReadBackAsSigned(String username) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
		AccessTokenIssuer issuer = issuer(new AtomicReference<>(keySet(key)));

		String token = issuer.issue(principal(username), "sess-1", true, Instant.parse("2026-11-28T10:00:00Z"))
			.block()
			.value();

		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().toJSONObject())
			.isEqualTo(SignedJWT.parse(asNimbusSerializes(token, key)).getJWTClaimsSet().toJSONObject());
		// as the name's UTF-8 reads back: a lone surrogate has no UTF-8 and becomes '?', as in nimbus' own token
		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("seta_id").get("provider_uid"))
			.isEqualTo(new String(username.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
	}

	private AccessTokenIssuer issuer(AtomicReference<KeySet> active) {
		TokenProperties properties = new TokenProperties(URI.create("https://gateway.example/"), List.of("seta-api"),
				Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30), Duration.ZERO, Duration.ofHours(24));
		return new AccessTokenIssuer(active::get, properties, TokenIssuer.of(properties), this.workers,
				(principalId) -> {
				});
	}

	private static KeySet keySet(RSAKey key) throws Exception {
		return KeySet.of(new SigningKey(key.getKeyID(), JWSAlgorithm.RS256, key, signer(key)),
				List.of(key.toPublicJWK()), CryptoProvider.jdk());
	}

	private static Principal principal(String username) {
		return new Principal("u1", new LoginName("github", username), PrincipalType.USER, null, Role.USER,
				PrincipalStatus.ACTIVE, List.of());
	}

	private static String asNimbusSerializes(String token, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
					.type(AccessTokenIssuer.AT_JWT)
					.build(),
				SignedJWT.parse(token).getJWTClaimsSet());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static com.nimbusds.jose.JWSSigner signer(JWK jwk) throws Exception {
		if (jwk instanceof RSAKey rsa) {
			return new RSASSASigner(rsa);
		}
		if (jwk instanceof ECKey ec) {
			return new ECDSASigner(ec);
		}
		return new Ed25519Signer((OctetKeyPair) jwk);
	}

	private static JWSVerifier verifier(SignedJWT jwt, JWK publicKey) throws Exception {
		if (publicKey instanceof OctetKeyPair okp) {
			return new Ed25519Verifier(okp);
		}
		java.security.Key key = (publicKey instanceof RSAKey rsa) ? rsa.toPublicKey() : ((ECKey) publicKey).toPublicKey();
		return new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key);
	}

}
