package eu.seta.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TestPrincipals;

/**
 * Writes what a benchmark run sends, into a work folder: the gateway's signing key and principal directory, login
 * proofs (one JSON body per line, each message used once), and access tokens signed with the gateway's key (one per
 * line) for the run where every request carries a token the gateway has not seen. Signed through the gateway's own
 * choice of provider: the full run's 240 000 proofs took minutes on the JDK's RSA alone.
 * <p>
 * Usage: {@code BenchFixtures <folder> <proofs> <tokens> <issuer>}
 */
public final class BenchFixtures {

	private BenchFixtures() {
	}

	public static void main(String[] args) throws Exception {
		Path folder = Path.of(args[0]);
		int proofs = Integer.parseInt(args[1]);
		int tokens = Integer.parseInt(args[2]);
		String issuer = args[3];
		Files.createDirectories(folder.resolve("keys"));
		RSAKey gatewayKey = new RSAKeyGenerator(2048).keyID("bench").generate();
		Files.writeString(folder.resolve("keys/bench.json"), gatewayKey.toJSONString(), StandardCharsets.UTF_8);
		KeyPair client = TestKeys.rsa2048();
		TestPrincipals.write(folder.resolve("principals.yml"),
				List.of(TestPrincipals.user("u-bench", "github", "bench", TestKeys.openSsh(client.getPublic(), "bench"))));
		CryptoProvider crypto = CryptoProvider.select(CryptoProperties.Choice.AUTO);
		PrivateKey clientKey = crypto.translate(client.getPrivate());
		List<String> bodies = IntStream.range(0, proofs).parallel().mapToObj((i) -> {
			String message = "bench-" + i + "-" + UUID.randomUUID();
			return "{\"username\":\"bench\",\"provider\":\"github\",\"rsa_original_message\":\"" + message
					+ "\",\"rsa_message_signature\":\"" + sign(crypto, clientKey, message) + "\"}";
		}).toList();
		write(folder.resolve("proofs.txt"), bodies);
		RSASSASigner signer = crypto.applyTo(new RSASSASigner(gatewayKey));
		List<String> signed = IntStream.range(0, tokens).parallel().mapToObj((i) -> token(signer, issuer, i)).toList();
		write(folder.resolve("tokens.txt"), signed);
		write(folder.resolve("token.txt"), List.of(token(signer, issuer, -1)));
	}

	/** As the seed's Python client signs: PKCS#1 v1.5 over SHA-256, hex. */
	private static String sign(CryptoProvider crypto, PrivateKey key, String message) {
		try {
			Signature signature = crypto.signature("SHA256withRSA");
			signature.initSign(key);
			signature.update(message.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token(RSASSASigner signer, String issuer, int number) {
		JWTClaimsSet claims = BenchClaims.accessToken(issuer, "bench-" + number + "-" + UUID.randomUUID(), Instant.now(),
				Duration.ofHours(2));
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench")
				.type(new JOSEObjectType("at+jwt"))
				.build(), claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void write(Path file, List<String> lines) throws IOException {
		Files.write(file, lines, StandardCharsets.UTF_8);
	}

}
