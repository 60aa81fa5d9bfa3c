package eu.seta.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import eu.seta.gateway.crypto.CryptoProvider;

/**
 * The rules a gateway signing key must meet, and the one algorithm each key type signs with: RSA (2048 bits or
 * more) signs RS256, EC P-256 signs ES256, Ed25519 signs EdDSA. Binding the algorithm to the key, not to a token
 * header, is what keeps algorithm-confusion attacks out (RFC 8725 section 3.1).
 */
final class KeyMaterial {

	/** A kid is echoed in headers and may name a file: keep it to a safe alphabet. */
	static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MIN_RSA_BITS = 2048;

	private KeyMaterial() {
	}

	/**
	 * @return the key with its kid, algorithm and {@code use: sig} set
	 * @throws IllegalArgumentException when the key may not sign gateway tokens
	 */
	static JWK normalize(JWK jwk, String kid) {
		if (!KID.matcher(kid).matches()) {
			throw new IllegalArgumentException("kid '" + kid + "' must match " + KID.pattern());
		}
		JWSAlgorithm algorithm = algorithmOf(jwk);
		Algorithm declared = jwk.getAlgorithm();
		if (declared != null && !declared.getName().equals(algorithm.getName())) {
			throw new IllegalArgumentException("key " + kid + " declares alg " + declared + " but a "
					+ jwk.getKeyType() + " key signs " + algorithm);
		}
		if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
			throw new IllegalArgumentException("key " + kid + " is not meant for signatures (use=" + jwk.getKeyUse() + ")");
		}
		if (jwk instanceof RSAKey rsa) {
			return new RSAKey.Builder(rsa).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
		}
		if (jwk instanceof ECKey ec) {
			return new ECKey.Builder(ec).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
		}
		OctetKeyPair okp = (OctetKeyPair) jwk;
		return new OctetKeyPair.Builder(okp).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
	}

	static JWSAlgorithm algorithmOf(JWK jwk) {
		if (jwk instanceof RSAKey rsa) {
			if (rsa.size() < MIN_RSA_BITS) {
				throw new IllegalArgumentException("RSA signing key has " + rsa.size() + " bits; at least "
						+ MIN_RSA_BITS + " are required");
			}
			return JWSAlgorithm.RS256;
		}
		if (jwk instanceof ECKey ec) {
			if (!Curve.P_256.equals(ec.getCurve())) {
				throw new IllegalArgumentException("EC signing keys must be on P-256 (ES256), not " + ec.getCurve());
			}
			return JWSAlgorithm.ES256;
		}
		if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
			return JWSAlgorithm.EdDSA;
		}
		throw new IllegalArgumentException("unsupported signing key type " + jwk.getKeyType()
				+ "; use RSA (RS256), EC P-256 (ES256) or Ed25519 (EdDSA)");
	}

	static JWSVerifier verifier(JWK jwk, CryptoProvider crypto) {
		try {
			if (jwk instanceof RSAKey rsa) {
				return crypto.applyTo(new RSASSAVerifier(crypto.translate(rsa.toRSAPublicKey())));
			}
			if (jwk instanceof ECKey ec) {
				return crypto.applyTo(new ECDSAVerifier(crypto.translate(ec.toECPublicKey())));
			}
			return new Ed25519Verifier((OctetKeyPair) jwk.toPublicJWK());
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("key " + jwk.getKeyID() + " cannot verify: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Signs once where the key is loaded, and verifies that signature with the key's public part, the one the JWKS
	 * publishes: a key that cannot sign, or whose public part is not its private part's (a JWK's {@code x} or
	 * {@code n} edited or copied from another key; found by KeyFolderFuzzTests), stops start-up (or a reload) here,
	 * not after tokens that verify nowhere were handed out. The JDK's one-time set-up for the key (RSA blinding
	 * values, drawn from the file-backed default random source) happens now rather than on a request thread.
	 */
	private static void selfTest(JWK jwk, JWSAlgorithm algorithm, JWSSigner signer, CryptoProvider crypto)
			throws JOSEException {
		JWSHeader header = new JWSHeader.Builder(algorithm).keyID(jwk.getKeyID()).build();
		byte[] probe = "self-test".getBytes(StandardCharsets.US_ASCII);
		if (!verifier(jwk, crypto).verify(header, probe, signer.sign(header, probe))) {
			throw new IllegalArgumentException("key " + jwk.getKeyID()
					+ ": its public part does not match its private part; its tokens would verify nowhere");
		}
	}

	static SigningKey signingKey(JWK jwk, CryptoProvider crypto) {
		if (!jwk.isPrivate()) {
			throw new IllegalArgumentException("key " + jwk.getKeyID() + " has no private part and cannot sign");
		}
		try {
			JWSAlgorithm algorithm = algorithmOf(jwk);
			JWSSigner signer;
			if (jwk instanceof RSAKey rsa) {
				signer = crypto.applyTo(new RSASSASigner(crypto.translate(rsa.toPrivateKey())));
			}
			else if (jwk instanceof ECKey ec) {
				signer = crypto.applyTo(new ECDSASigner(crypto.translate(ec.toECPrivateKey())));
			}
			else {
				signer = new Ed25519Signer((OctetKeyPair) jwk);
			}
			selfTest(jwk, algorithm, signer, crypto);
			return new SigningKey(jwk.getKeyID(), algorithm, jwk, signer);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("key " + jwk.getKeyID() + " cannot sign: " + ex.getMessage(), ex);
		}
	}

}
