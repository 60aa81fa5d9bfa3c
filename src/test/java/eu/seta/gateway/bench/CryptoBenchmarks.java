package eu.seta.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
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
import eu.seta.gateway.testing.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The crypto on the gateway's paths, one operation each, in microseconds: the client's RSA-2048 proof checked at
 * login, and access tokens signed (login, refresh) and verified (every proxied call without a cache hit) with each
 * selectable algorithm. {@code bench/run.sh} takes the login ceiling from these: 1 / (verify proof + sign RS256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBenchmarks {

	private KeyPair client;

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
		this.client = TestKeys.rsa2048();
		this.message = "qwhfzkrnbxplmtocseja".getBytes(StandardCharsets.UTF_8);
		this.proof = TestKeys.signBytes(this.client.getPrivate(), this.message);
		this.claims = BenchClaims.accessToken("https://seta.example.org", UUID.randomUUID().toString(), Instant.now(),
				Duration.ofHours(1));
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
		ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
		OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
		this.rsaSigner = new RSASSASigner(rsa);
		this.ecSigner = new ECDSASigner(ec);
		this.edSigner = new Ed25519Signer(ed);
		this.rsaVerifier = new RSASSAVerifier(rsa.toRSAPublicKey());
		this.ecVerifier = new ECDSAVerifier(ec.toECPublicKey());
		this.edVerifier = new Ed25519Verifier(ed.toPublicJWK());
		this.rsaToken = sign(JWSAlgorithm.RS256, "rsa", this.rsaSigner);
		this.ecToken = sign(JWSAlgorithm.ES256, "ec", this.ecSigner);
		this.edToken = sign(JWSAlgorithm.EdDSA, "ed", this.edSigner);
	}

	@Benchmark
	public boolean verifyClientProofRsa2048() throws Exception {
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(this.client.getPublic());
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
