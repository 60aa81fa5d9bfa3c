package eu.seta.gateway.directory;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a public key the way users store it: the OpenSSH line that {@code ssh-keygen} writes
 * ({@code ssh-rsa AAAA... comment}) or PEM ({@code -----BEGIN PUBLIC KEY-----}, or the PKCS#1
 * {@code -----BEGIN RSA PUBLIC KEY-----} some tools write). BouncyCastle does the parsing; only RSA keys are
 * accepted, because SeTA clients sign with RSASSA-PKCS1-v1_5.
 */
public final class PublicKeyText {

	private static final String OPENSSH_RSA = "ssh-rsa";

	private PublicKeyText() {
	}

	/**
	 * @throws IllegalArgumentException with a reason fit for a log line when the text is no RSA public key
	 */
	public static RSAPublicKey parse(String text) {
		String trimmed = text.strip();
		if (trimmed.startsWith("-----BEGIN")) {
			return fromPem(trimmed);
		}
		if (trimmed.startsWith(OPENSSH_RSA + " ")) {
			return fromOpenSsh(trimmed);
		}
		if (trimmed.startsWith("ssh-") || trimmed.startsWith("ecdsa-")) {
			throw new IllegalArgumentException("only ssh-rsa keys are supported, not " + trimmed.split("\\s+")[0]);
		}
		throw new IllegalArgumentException("neither an OpenSSH 'ssh-rsa ...' line nor a PEM public key");
	}

	private static RSAPublicKey fromOpenSsh(String line) {
		String[] parts = line.split("\\s+");
		byte[] blob;
		try {
			blob = Base64.getDecoder().decode(parts[1]);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("OpenSSH key is not valid base64");
		}
		AsymmetricKeyParameter parameters;
		try {
			parameters = OpenSSHPublicKeyUtil.parsePublicKey(blob);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("OpenSSH key blob is malformed");
		}
		if (!(parameters instanceof RSAKeyParameters rsa) || rsa.isPrivate()) {
			throw new IllegalArgumentException("OpenSSH key is not an RSA public key");
		}
		try {
			PublicKey key = KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getExponent()));
			return (RSAPublicKey) key;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("OpenSSH key is not a usable RSA key");
		}
	}

	private static RSAPublicKey fromPem(String pem) {
		Object parsed;
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			parsed = parser.readObject();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("PEM text is malformed");
		}
		if (!(parsed instanceof SubjectPublicKeyInfo info)) {
			throw new IllegalArgumentException("PEM text holds no public key");
		}
		PublicKey key;
		try {
			key = new JcaPEMKeyConverter().getPublicKey(info);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("PEM public key is not usable");
		}
		if (!(key instanceof RSAPublicKey rsa)) {
			throw new IllegalArgumentException("PEM public key is " + key.getAlgorithm() + ", not RSA");
		}
		return rsa;
	}

}
