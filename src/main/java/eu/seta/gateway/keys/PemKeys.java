package eu.seta.gateway.keys;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/**
 * Reads one key from PEM text. Nimbus reads every form but one: an EC private key in PKCS#8 alone
 * ({@code BEGIN PRIVATE KEY}), which is what {@code openssl genpkey -algorithm EC} writes; nimbus wants the public
 * key as a second PEM block there. The public point is the private scalar times the curve's generator, so it is
 * derived here (BouncyCastle's curve arithmetic) instead of asking operators to append it.
 */
final class PemKeys {

	private PemKeys() {
	}

	static JWK parse(String pem) throws JOSEException {
		ECKey ec = ecPrivateKeyAlone(pem);
		return (ec != null) ? ec : JWK.parseFromPEMEncodedObjects(pem);
	}

	/** The key pair, when the text is one PKCS#8 EC private key and nothing else; otherwise null. */
	private static @Nullable ECKey ecPrivateKeyAlone(String pem) {
		List<Object> objects = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
				objects.add(object);
			}
		}
		catch (IOException | RuntimeException ex) {
			// not PEM BouncyCastle can read: nimbus says what is wrong with it
			return null;
		}
		if (objects.size() != 1 || !(objects.get(0) instanceof PrivateKeyInfo info)
				|| !X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
			return null;
		}
		try {
			ECPrivateKey privateKey = (ECPrivateKey) new JcaPEMKeyConverter().getPrivateKey(info);
			ECParameterSpec params = privateKey.getParams();
			Curve curve = Curve.forECParameterSpec(params);
			if (curve == null) {
				throw new IllegalArgumentException("EC key on an unnamed or unknown curve; use P-256");
			}
			return new ECKey.Builder(curve, publicKeyOf(privateKey.getS(), params)).privateKey(privateKey).build();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("unreadable EC private key: " + ex.getMessage(), ex);
		}
	}

	private static ECPublicKey publicKeyOf(BigInteger scalar, ECParameterSpec params) throws GeneralSecurityException {
		org.bouncycastle.math.ec.ECPoint q = EC5Util.convertSpec(params).getG().multiply(scalar).normalize();
		ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
		return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
	}

}
