package eu.seta.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
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
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.testing.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The crypto on the gateway's paths, one operation each, in microseconds: the client's RSA-2048 proof checked at
 * login, and access tokens signed (login, refresh) and verified (every proxied call without a cache hit) with each
 * selectable algorithm, with each crypto provider the gateway can choose ({@code seta.crypto.provider}), keys
 * translated and signers wired as the gateway does it. {@code bench/run.sh} takes the login ceiling from these:
 * 1 / (verify proof + sign RS256) with the default provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBenchmarks {

	/** {@code auto} is the native provider where it loads, as in the gateway's default. */
	@Param({ "auto", "jdk" })
	public String provider;

	private CryptoProvider crypto;

	private KeyPair client;

	private PublicKey clientKey;

	private byte[] message;

	private byte[] proof;

	private JWTClaimsSet claims;

	private JWSSigner rsaSigner;

	private JWSSigner ecSigner;

	private JWSSigner edSigner;

	private JWSVerifier rsaVerifier;

	private JWSVerifier ecVerifier;

	private JWSVerifier edVerifier;

	private SignedJWT rsaToken;

	private SignedJWT ecToken;

	private SignedJWT edToken;

	@Setup
	public void setUp() throws Exception {
		this.crypto = CryptoProvider.select(CryptoProperties.Choice.valueOf(this.provider.toUpperCase(Locale.ROOT)));
		this.client = TestKeys.rsa2048();
		this.message = "qwhfzkrnbxplmtocseja".getBytes(StandardCharsets.UTF_8);
		this.proof = TestKeys.signBytes(this.client.getPrivate(), this.message);
		this.clientKey = this.crypto.translate(this.client.getPublic());
		this.claims = BenchClaims.accessToken("https://seta.example.org", UUID.randomUUID().toString(), Instant.now(),
				Duration.ofHours(1));
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
		ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
		OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
		this.rsaSigner = this.crypto.applyTo(new RSASSASigner(this.crypto.translate(rsa.toPrivateKey())));
		this.ecSigner = this.crypto.applyTo(new ECDSASigner(this.crypto.translate(ec.toECPrivateKey())));
		this.edSigner = new Ed25519Signer(ed);
		this.rsaVerifier = this.crypto.applyTo(new RSASSAVerifier(this.crypto.translate(rsa.toRSAPublicKey())));
		this.ecVerifier = this.crypto.applyTo(new ECDSAVerifier(this.crypto.translate(ec.toECPublicKey())));
		this.edVerifier = new Ed25519Verifier(ed.toPublicJWK());
		this.rsaToken = sign(JWSAlgorithm.RS256, "rsa", this.rsaSigner);
		this.ecToken = sign(JWSAlgorithm.ES256, "ec", this.ecSigner);
		this.edToken = sign(JWSAlgorithm.EdDSA, "ed", this.edSigner);
	}

	@Benchmark
	public boolean verifyClientProofRsa2048() throws Exception {
		Signature verifier = this.crypto.signature("SHA256withRSA");
		verifier.initVerify(this.clientKey);
		verifier.update(this.message);
		return verifier.verify(this.proof);
	}

	@Benchmark
	public SignedJWT signRs256() throws Exception {
		return sign(JWSAlgorithm.RS256, "rsa", this.rsaSigner);
	}

	@Benchmark
	public SignedJWT signEs256() throws Exception {
		return sign(JWSAlgorithm.ES256, "ec", this.ecSigner);
	}

	@Benchmark
	public SignedJWT signEdDsa() throws Exception {
		return sign(JWSAlgorithm.EdDSA, "ed", this.edSigner);
	}

	@Benchmark
	public boolean verifyRs256() throws Exception {
		return this.rsaToken.verify(this.rsaVerifier);
	}

	@Benchmark
	public boolean verifyEs256() throws Exception {
		return this.ecToken.verify(this.ecVerifier);
	}

	@Benchmark
	public boolean verifyEdDsa() throws Exception {
		return this.edToken.verify(this.edVerifier);
	}

	private SignedJWT sign(JWSAlgorithm algorithm, String kid, JWSSigner signer) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(algorithm).keyID(kid).type(new JOSEObjectType("at+jwt")).build(), this.claims);
		jwt.sign(signer);
		return jwt;
	}

}
