package eu.seta.gateway.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;


import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.seta.gateway.testing.TestKeys;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyDirectoryLoaderTests {

	@TempDir
	Path directory;

	private final KeyDirectoryLoader loader = new KeyDirectoryLoader(CryptoProvider.select(CryptoProperties.Choice.AUTO));

	@Test
	void pkcs8RsaPemIsTheActiveKeyWhenAlone() throws Exception {
		write("2026-11.pem", pkcs8(TestKeys.rsa2048()));
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.active().kid()).isEqualTo("2026-11");
		assertThat(keys.active().algorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(keys.published().getKeys()).hasSize(1);
		assertThat(keys.published().getKeys().get(0).isPrivate()).isFalse();
		assertThat(keys.jwksJson()).doesNotContain("\"d\"");
	}

	@Test
	void traditionalRsaAndEcKeyPairsAreRead() throws Exception {
		write("rsa.pem", traditional(TestKeys.rsa2048()));
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		write("ec.pem", sec1(ec.generateKeyPair()));
		KeySet keys = this.loader.load(this.directory, "ec");
		assertThat(keys.active().algorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(keys.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
	}

	@Test
	void ed25519JwkSignsEdDsa() throws Exception {
		write("ed.jwk", new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate().toJSONString());
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.active().kid()).isEqualTo("ed-1");
		assertThat(keys.active().algorithm()).isEqualTo(JWSAlgorithm.EdDSA);
	}

	@Test
	void activeKidFileChoosesAmongSeveralAndTheOthersArePublishedOnly() throws Exception {
		write("old.pem", pkcs8(TestKeys.rsa2048()));
		write("new.pem", pkcs8(TestKeys.rsa2048()));
		write("retired.json", new RSAKeyGenerator(2048).keyID("retired").generate().toPublicJWK().toJSONString());
		write(KeyDirectoryLoader.ACTIVE_KID_FILE, "new\n");
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.active().kid()).isEqualTo("new");
		assertThat(keys.published().getKeys()).extracting((jwk) -> jwk.getKeyID())
			.containsExactlyInAnyOrder("old", "new", "retired");
	}

	@Test
	void configuredActiveKidWinsOverTheFile() throws Exception {
		write("a.pem", pkcs8(TestKeys.rsa2048()));
		write("b.pem", pkcs8(TestKeys.rsa2048()));
		write(KeyDirectoryLoader.ACTIVE_KID_FILE, "a");
		assertThat(this.loader.load(this.directory, "b").active().kid()).isEqualTo("b");
	}

	@Test
	void refusesAmbiguityAndUnusableKeys() throws Exception {
		write("a.pem", pkcs8(TestKeys.rsa2048()));
		write("b.pem", pkcs8(TestKeys.rsa2048()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, null))
			.withMessageContaining("2 private keys")
			.withMessageContaining("set seta.keys.active-kid");
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, "c"))
			.withMessageContaining("active kid 'c' names no key");
	}

	@Test
	void refusesWeakRsaAndOtherCurves() throws Exception {
		write("weak.pem", pkcs8(TestKeys.rsa(1024, java.math.BigInteger.valueOf(65537))));
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, null))
			.withMessageContaining("no usable key")
			.withMessageContaining("weak.pem: not a usable key: RSA signing key has 1024 bits; at least 2048");
		Files.delete(this.directory.resolve("weak.pem"));
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp384r1"));
		write("p384.pem", sec1(ec.generateKeyPair()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, null))
			.withMessageContaining("P-256");
	}

	/** Found by KeyFolderFuzzTests: the public part one character off, and its tokens verified nowhere. */
	@Test
	void refusesAKeyWhosePublicPartIsNotItsPrivatePartsOwn() throws Exception {
		OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).generate();
		OctetKeyPair otherEd = new OctetKeyPairGenerator(Curve.Ed25519).generate();
		ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
		ECKey otherEc = new ECKeyGenerator(Curve.P_256).generate();
		RSAKey rsa = new RSAKeyGenerator(2048).generate();
		RSAKey otherRsa = new RSAKeyGenerator(2048).generate();
		List<JWK> mismatched = List.of(new OctetKeyPair.Builder(Curve.Ed25519, otherEd.getX()).d(ed.getD()).keyID("k").build(),
				new ECKey.Builder(Curve.P_256, otherEc.toECPublicKey()).d(ec.getD()).keyID("k").build(),
				new RSAKey.Builder(otherRsa.toRSAPublicKey()).privateExponent(rsa.getPrivateExponent()).keyID("k").build());
		for (JWK key : mismatched) {
			write("k.jwk", key.toJSONString());
			assertThatIllegalArgumentException().as(key.getKeyType().getValue())
				.isThrownBy(() -> this.loader.load(this.directory, null))
				.withMessageContaining("its public part does not match its private part");
		}
		// the same private part with its own public part loads
		write("k.jwk", new OctetKeyPair.Builder(ed).keyID("k").build().toJSONString());
		assertThat(this.loader.load(this.directory, null).active().algorithm()).isEqualTo(JWSAlgorithm.EdDSA);
	}

	@Test
	void refusesAPublicKeyAsActive() throws Exception {
		write("pub.json", new RSAKeyGenerator(2048).keyID("pub").generate().toPublicJWK().toJSONString());
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, "pub"))
			.withMessageContaining("has no private part");
	}

	@Test
	void aSecondKeyUnderATakenKidIsSkippedAndTheFirstKept() throws Exception {
		RSAKey first = new RSAKeyGenerator(2048).keyID("k").generate();
		write("a.json", first.toJSONString());
		write("b.json", new RSAKeyGenerator(2048).keyID("k").generate().toJSONString());
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.published().getKeys()).singleElement()
			.extracting((jwk) -> ((RSAKey) jwk).getModulus())
			.isEqualTo(first.getModulus());
	}

	@Test
	void refusesAKeyDeclaringAnotherAlgorithm() throws Exception {
		write("hs.json", new RSAKeyGenerator(2048).keyID("k").algorithm(JWSAlgorithm.PS256).generate().toJSONString());
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, null))
			.withMessageContaining("declares alg PS256");
	}

	@Test
	void anEcPrivateKeyAloneAsOpensslGenpkeyWritesItSignsEs256() throws Exception {
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = ec.generateKeyPair();
		// PKCS#8, no public key block: the form of `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`
		write("ec-2026.pem", pemOf("PRIVATE KEY", pair.getPrivate().getEncoded()));
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.active().kid()).isEqualTo("ec-2026");
		assertThat(keys.active().algorithm()).isEqualTo(JWSAlgorithm.ES256);
		ECKey published = (ECKey) keys.published().getKeyByKeyId("ec-2026");
		assertThat(published.toECPublicKey()).isEqualTo(pair.getPublic());
		assertThat(published.isPrivate()).isFalse();
	}

	@Test
	void theEcKeyOpensslGenpkeyWroteIsRead() throws Exception {
		String pem;
		try (var in = getClass().getResourceAsStream("/keys/openssl-genpkey-p256.pem")) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		write("openssl.pem", pem);
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.active().algorithm()).isEqualTo(JWSAlgorithm.ES256);
		ECKey published = (ECKey) keys.published().getKeyByKeyId("openssl");
		assertThat(published.getCurve()).isEqualTo(Curve.P_256);
		// the derived point is the one openssl stored inside the PKCS#8 structure (uncompressed: 04 || x || y)
		PrivateKeyInfo info;
		try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(pem))) {
			info = (PrivateKeyInfo) parser.readObject();
		}
		byte[] stored = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey())
			.getPublicKey()
			.getOctets();
		java.io.ByteArrayOutputStream derived = new java.io.ByteArrayOutputStream();
		derived.write(4);
		derived.write(published.getX().decode());
		derived.write(published.getY().decode());
		assertThat(derived.toByteArray()).isEqualTo(stored);
	}

	@Test
	void oneBadFileIsSkippedAndTheOthersLoad() throws Exception {
		write("a-good.pem", pkcs8(TestKeys.rsa2048()));
		write("b-garbage.pem", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
		write("c-weak.pem", pkcs8(TestKeys.rsa(1024, java.math.BigInteger.valueOf(65537))));
		write("d-other.json", new RSAKeyGenerator(2048).keyID("other").generate().toPublicJWK().toJSONString());
		KeySet keys = this.loader.load(this.directory, null);
		assertThat(keys.active().kid()).isEqualTo("a-good");
		assertThat(keys.published().getKeys()).extracting((jwk) -> jwk.getKeyID())
			.containsExactlyInAnyOrder("a-good", "other");
	}

	@Test
	void aSkippedActiveKeyFailsTheLoadAndSaysWhy() throws Exception {
		write("a-good.pem", pkcs8(TestKeys.rsa2048()));
		write("b-next.pem", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
		assertThatIllegalArgumentException().isThrownBy(() -> this.loader.load(this.directory, "b-next"))
			.withMessageContaining("active kid 'b-next' names no key")
			.withMessageContaining("skipped: b-next.pem: not a usable key");
	}

	@Test
	void ignoresKubernetesSecretFolders() throws Exception {
		Files.createDirectories(this.directory.resolve("..2026_11_28_data"));
		write("only.pem", pkcs8(TestKeys.rsa2048()));
		assertThat(this.loader.load(this.directory, null).active().kid()).isEqualTo("only");
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static String pemOf(String type, byte[] der) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new PemObject(type, der));
		}
		return text.toString();
	}

	private static String pkcs8(KeyPair pair) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
		}
		return text.toString();
	}

	/** SEC1 with the public point included, as {@code openssl ecparam -genkey} writes it. */
	private static String sec1(KeyPair pair) throws IOException {
		ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
		SubjectPublicKeyInfo publicInfo = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
		PrivateKeyInfo privateInfo = PrivateKeyInfo.getInstance(key.getEncoded());
		org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
				key.getParams().getOrder().bitLength(), key.getS(), publicInfo.getPublicKeyData(),
				privateInfo.getPrivateKeyAlgorithm().getParameters());
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
		}
		return text.toString();
	}

	private static String traditional(KeyPair pair) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(pair);
		}
		return text.toString();
	}

}
