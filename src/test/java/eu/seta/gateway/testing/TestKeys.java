package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Client key pairs and signatures made the way SeTA clients make them. */
public final class TestKeys {

	private TestKeys() {
	}

	public static KeyPair rsa2048() {
		return rsa(2048, RSAKeyGenParameterSpec.F4);
	}

	public static KeyPair rsa(int bits, BigInteger exponent) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(new RSAKeyGenParameterSpec(bits, exponent));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The one-line form {@code ssh-keygen} writes into {@code id_rsa.pub}. */
	public static String openSsh(PublicKey key, String comment) {
		RSAPublicKey rsa = (RSAPublicKey) key;
		try {
			byte[] blob = OpenSSHPublicKeyUtil
				.encodePublicKey(new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
			return "ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " " + comment;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** PEM SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), what pycryptodome exports. */
	public static String pem(PublicKey key) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** RSASSA-PKCS1-v1_5 over the UTF-8 bytes, lower-case hex: pycryptodome's {@code pkcs1_15 ... .hex()}. */
	public static String sign(PrivateKey key, String message) {
		return HexFormat.of().formatHex(signBytes(key, message.getBytes(StandardCharsets.UTF_8)));
	}

	public static byte[] signBytes(PrivateKey key, byte[] message) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(key);
			signer.update(message);
			return signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
