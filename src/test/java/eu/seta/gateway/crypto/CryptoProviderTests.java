package eu.seta.gateway.crypto;

import java.security.Signature;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.testing.CryptoProviders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which provider computes signatures, and that its tokens are the same standard tokens as the JDK's. */
class CryptoProviderTests {

	@Test
	void jdkIsTheJdk() {
		CryptoProvider jdk = CryptoProvider.select(CryptoProperties.Choice.JDK);
		assertThat(jdk.isNative()).isFalse();
		assertThat(jdk.name()).isEqualTo("JDK");
		assertThat(jdk.fallbackReason()).isNull();
	}

	@Test
	void autoIsTheNativeProviderOnLinuxX64AndTheJdkWithAReasonElsewhere() {
		CryptoProvider auto = CryptoProvider.select(CryptoProperties.Choice.AUTO);
		if (CryptoProviders.nativeExpected()) {
			assertThat(auto.isNative()).as(auto.fallbackReason()).isTrue();
			assertThat(auto.name()).startsWith("AmazonCorrettoCryptoProvider 2.");
			assertThat(auto.jca()).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);
		}
		else {
			assertThat(auto.isNative()).isFalse();
			assertThat(auto.fallbackReason()).isNotBlank();
		}
	}

	@Test
	void signaturesComeFromTheChosenProvider() throws Exception {
		CryptoProviders.both().forEach((provider) -> {
			try {
				Signature signature = provider.signature("SHA256withRSA");
				if (provider.isNative()) {
					assertThat(signature.getProvider()).isSameAs(provider.jca());
				}
				else {
					assertThat(signature.getProvider().getName()).isNotEqualTo("AmazonCorrettoCryptoProvider");
				}
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		});
	}

	/** A token signed natively verifies on the JDK and the other way round: backends see no difference. */
	@Test
	void tokensSignedByEitherProviderVerifyWithTheOther() throws Exception {
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
		ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
		CryptoProvider jdk = CryptoProvider.jdk();
		for (CryptoProvider signing : CryptoProviders.both().toList()) {
			for (CryptoProvider verifying : CryptoProviders.both().toList()) {
				SignedJWT rs256 = signed(JWSAlgorithm.RS256, signing.applyTo(new RSASSASigner(rsa)));
				assertThat(rs256.verify(verifying.applyTo(new RSASSAVerifier(rsa.toRSAPublicKey())))).isTrue();
				SignedJWT es256 = signed(JWSAlgorithm.ES256, signing.applyTo(new ECDSASigner(ec)));
				assertThat(es256.verify(verifying.applyTo(new ECDSAVerifier(ec.toECPublicKey())))).isTrue();
			}
		}
		// EdDSA signs through Tink, which no JCA provider replaces: applying one changes nothing
		Ed25519Signer ed = new Ed25519Signer(new OctetKeyPairGenerator(Curve.Ed25519).generate());
		assertThat(jdk.applyTo(ed)).isSameAs(ed);
	}

	@Test
	void applyingANativeProviderSetsItOnTheSigner() throws Exception {
		RSASSASigner signer = new RSASSASigner(new RSAKeyGenerator(2048).generate());
		CryptoProviders.both().forEach((provider) -> provider.applyTo(signer));
		CryptoProvider last = CryptoProviders.both().reduce((a, b) -> b).orElseThrow();
		assertThat(signer.getJCAContext().getProvider()).isSameAs(last.jca());
	}

	private static SignedJWT signed(JWSAlgorithm algorithm, com.nimbusds.jose.JWSSigner signer) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).build(),
				new JWTClaimsSet.Builder().subject("u").build());
		jwt.sign(signer);
		return jwt;
	}

}
