package eu.seta.gateway.keys;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * One version of the gateway's keys: the active signing key and every key whose tokens are still accepted
 * (the active one, the next one published ahead of a switch, and retired ones within their overlap).
 *
 * @param active signs new tokens
 * @param published the public parts of every accepted key, the active one included
 * @param jwksJson the JSON served at the JWKS endpoints, rendered once per version
 */
public record KeySet(SigningKey active, JWKSet published, String jwksJson) {

	public KeySet {
		Objects.requireNonNull(active, "active");
		Objects.requireNonNull(published, "published");
		Objects.requireNonNull(jwksJson, "jwksJson");
	}

	static KeySet of(SigningKey active, List<JWK> publicKeys) {
		JWKSet published = new JWKSet(publicKeys);
		return new KeySet(active, published, published.toString(true));
	}

	/** The algorithms of the accepted keys: the allow-list for validation, never taken from a token header. */
	public Set<JWSAlgorithm> algorithms() {
		return this.published.getKeys()
			.stream()
			.map((jwk) -> JWSAlgorithm.parse(jwk.getAlgorithm().getName()))
			.collect(Collectors.toUnmodifiableSet());
	}

}
