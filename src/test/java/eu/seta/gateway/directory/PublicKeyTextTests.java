package eu.seta.gateway.directory;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import eu.seta.gateway.testing.TestKeys;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublicKeyTextTests {

	private static final KeyPair KEY = TestKeys.rsa2048();

	@Test
	void readsTheOpenSshLineSshKeygenWrites() throws Exception {
		String line = Files.readString(Path.of("config/dev/demo_rsa.pub"), StandardCharsets.UTF_8);
		RSAPublicKey key = PublicKeyText.parse(line);
		assertThat(key.getModulus().bitLength()).isEqualTo(2048);
		assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
	}

	@Test
	void openSshAndPemOfOneKeyAreTheSameKey() {
		RSAPublicKey fromSsh = PublicKeyText.parse(TestKeys.openSsh(KEY.getPublic(), "me@host with spaces"));
		RSAPublicKey fromPem = PublicKeyText.parse(TestKeys.pem(KEY.getPublic()));
		assertThat(fromSsh).isEqualTo(KEY.getPublic());
		assertThat(fromPem).isEqualTo(KEY.getPublic());
	}

	@Test
	void openSshLineWithoutCommentAndWithSurroundingBlanksIsRead() {
		String line = TestKeys.openSsh(KEY.getPublic(), "").strip();
		assertThat(PublicKeyText.parse("  " + line + "\n")).isEqualTo(KEY.getPublic());
	}

	@Test
	void readsPkcs1RsaPublicKeyPem() throws Exception {
		RSAPublicKey rsa = (RSAPublicKey) KEY.getPublic();
		byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()).getEncoded();
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new PemObject("RSA PUBLIC KEY", pkcs1));
		}
		assertThat(PublicKeyText.parse(text.toString())).isEqualTo(KEY.getPublic());
	}

	@Test
	void refusesOtherSshKeyTypes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PublicKeyText.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG me@host"))
			.withMessage("only ssh-rsa keys are supported, not ssh-ed25519");
	}

	@Test
	void refusesAnSshRsaLineWhoseBlobIsAnotherType() throws Exception {
		// the type word says RSA, the blob inside says ed25519: the blob is what counts
		byte[] blob = OpenSSHPublicKeyUtil.encodePublicKey(new Ed25519PrivateKeyParameters(new java.security.SecureRandom()).generatePublicKey());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PublicKeyText.parse("ssh-rsa " + Base64.getEncoder().encodeToString(blob)))
			.withMessage("OpenSSH key is not an RSA public key");
	}

	@Test
	void refusesEcPem() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		String pem = TestKeys.pem(generator.generateKeyPair().getPublic());
		assertThatIllegalArgumentException().isThrownBy(() -> PublicKeyText.parse(pem))
			.withMessage("PEM public key is EC, not RSA");
	}

	@Test
	void refusesPrivateKeyPemAndGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicKeyText.parse("hello"))
			.withMessage("neither an OpenSSH 'ssh-rsa ...' line nor a PEM public key");
		assertThatIllegalArgumentException().isThrownBy(() -> PublicKeyText.parse("ssh-rsa !!!notbase64"))
			.withMessage("OpenSSH key is not valid base64");
		assertThatIllegalArgumentException().isThrownBy(() -> PublicKeyText.parse("ssh-rsa AAAA"))
			.withMessage("OpenSSH key blob is malformed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PublicKeyText.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
			.withMessageStartingWith("PEM");
	}

}
