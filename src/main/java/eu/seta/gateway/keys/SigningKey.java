package eu.seta.gateway.keys;

import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;

/**
 * The key access tokens are signed with now. The signer is built once when the key is loaded, never per token.
 *
 * @param kid the key id written into each token header
 * @param algorithm RS256, ES256 or EdDSA, decided by the key type
 * @param jwk the key pair
 * @param signer signs with the private part
 */
public record SigningKey(String kid, JWSAlgorithm algorithm, JWK jwk, JWSSigner signer) {

	public SigningKey {
		Objects.requireNonNull(kid, "kid");
		Objects.requireNonNull(algorithm, "algorithm");
		Objects.requireNonNull(jwk, "jwk");
		Objects.requireNonNull(signer, "signer");
	}

	@Override
	public String toString() {
		// never print the private key, whatever logs this
		return "SigningKey[kid=" + this.kid + ", alg=" + this.algorithm + "]";
	}

}
