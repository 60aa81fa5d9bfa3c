package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The fuzz targets' principal key, read from {@code src/test/resources/keys/fuzz-rsa-2048.pem}: fixed, so that the
 * seed inputs checked in beside the targets can carry proofs signed with it.
 */
public final class FuzzKeys {

	public static final KeyPair RSA = read();

	private FuzzKeys() {
	}

	private static KeyPair read() {
		try (PEMParser parser = new PEMParser(new InputStreamReader(
				FuzzKeys.class.getResourceAsStream("/keys/fuzz-rsa-2048.pem"), StandardCharsets.US_ASCII))) {
			RSAPrivateCrtKey key = (RSAPrivateCrtKey) new JcaPEMKeyConverter()
				.getPrivateKey((PrivateKeyInfo) parser.readObject());
			BigInteger modulus = key.getModulus();
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(modulus, key.getPublicExponent()));
			return new KeyPair(publicKey, key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
