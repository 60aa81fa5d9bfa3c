package eu.seta.gateway.keys;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.seta.gateway.crypto.CryptoProvider;

/** A key made at start-up when none is configured: fine for a laptop, wrong for anything shared. */
final class GeneratedKeys {

	private GeneratedKeys() {
	}

	static KeySet generate(SigningKeysProperties.GeneratedAlgorithm algorithm, CryptoProvider crypto) {
		try {
			JWK jwk = switch (algorithm) {
				case RS256 -> new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
				case ES256 -> new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
				case EDDSA -> new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
			};
			JWK normalized = KeyMaterial.normalize(jwk, "dev-" + jwk.getKeyID().substring(0, 16));
			SigningKey key = KeyMaterial.signingKey(normalized, crypto);
			return KeySet.of(key, List.of(normalized.toPublicJWK()), crypto);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " development key", ex);
		}
	}

}
