package eu.seta.gateway.keys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import eu.seta.gateway.crypto.CryptoProvider;
import org.jspecify.annotations.Nullable;

/**
 * One version of the gateway's keys: the active signing key and every key whose tokens are still accepted
 * (the active one, the next one published ahead of a switch, and retired ones within their overlap).
 *
 * @param active signs new tokens
 * @param published the public parts of every accepted key, the active one included
 * @param jwksJson the JSON served at the JWKS endpoints, rendered once per version
 * @param verifiers a signature verifier per published kid, built once per version
 */
public record KeySet(SigningKey active, JWKSet published, String jwksJson, Map<String, Verifier> verifiers) {

	public KeySet {
		Objects.requireNonNull(active, "active");
		Objects.requireNonNull(published, "published");
		Objects.requireNonNull(jwksJson, "jwksJson");
		verifiers = Map.copyOf(verifiers);
	}

	/** A published key's algorithm and verifier: a token must name both the kid and this algorithm. */
	public record Verifier(JWSAlgorithm algorithm, JWSVerifier verifier) {
	}

	public static KeySet of(SigningKey active, List<JWK> publicKeys, CryptoProvider crypto) {
		JWKSet published = new JWKSet(publicKeys);
		Map<String, Verifier> verifiers = new HashMap<>();
		for (JWK key : publicKeys) {
			verifiers.put(key.getKeyID(), new Verifier(KeyMaterial.algorithmOf(key), KeyMaterial.verifier(key, crypto)));
		}
		return new KeySet(active, published, published.toString(true), verifiers);
	}

	public @Nullable Verifier verifier(String kid) {
		return this.verifiers.get(kid);
	}

	/** The algorithms of the accepted keys: the allow-list for validation, never taken from a token header. */
	public Set<JWSAlgorithm> algorithms() {
		return this.published.getKeys()
			.stream()
			.map((jwk) -> JWSAlgorithm.parse(jwk.getAlgorithm().getName()))
			.collect(Collectors.toUnmodifiableSet());
	}

}
