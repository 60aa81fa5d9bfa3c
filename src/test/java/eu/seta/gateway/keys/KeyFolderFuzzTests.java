package eu.seta.gateway.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.testing.Fuzzing;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing-key folder (a mounted Secret) as an operator may fill it. Input: files separated by a line
 * {@code %%}; each file's first line is its name (reduced to {@code [a-z0-9._-]}, at most 32 characters), the rest
 * its content. Contract: a folder without a usable active key is refused with {@link IllegalArgumentException}
 * (the start-up error that names what to fix) and nothing else; a key set loaded has an active private key that is
 * published under its kid, every published key is of an accepted kind (RSA of 2048 bits or more, EC P-256,
 * Ed25519) with its own algorithm, and the active key's signature verifies with the published key of its kid.
 */
class KeyFolderFuzzTests {

	private static final Path FOLDER = folder();

	private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

	private final KeyDirectoryLoader loader = new KeyDirectoryLoader(CryptoProvider.jdk());

	@FuzzTest(maxDuration = "10m")
	void keyFolder(byte[] input) throws Exception {
		fill(Fuzzing.text(input));
		Fuzzing.Outcome<KeySet> outcome = Fuzzing.run(() -> this.loader.load(FOLDER, null)).withinBoundsFor(input.length);
		if (!outcome.accepted()) {
			outcome.refusedWith(IllegalArgumentException.class);
			return;
		}
		KeySet keys = outcome.value();
		SigningKey active = keys.active();
		assertThat(active.jwk().isPrivate()).isTrue();
		KeySet.Verifier activeVerifier = keys.verifier(active.kid());
		assertThat(activeVerifier).as("the active key is published").isNotNull();
		assertThat(activeVerifier.algorithm()).isEqualTo(active.algorithm());
		for (JWK published : keys.published().getKeys()) {
			assertThat(published.isPrivate()).as("published keys are public").isFalse();
			KeySet.Verifier verifier = keys.verifier(published.getKeyID());
			assertThat(verifier).isNotNull();
			assertThat(ACCEPTED).contains(verifier.algorithm());
			if (published instanceof RSAKey rsa) {
				assertThat(rsa.size()).isGreaterThanOrEqualTo(2048);
			}
		}
		byte[] input2 = "fuzz.signing.input".getBytes(StandardCharsets.US_ASCII);
		JWSHeader header = new JWSHeader(active.algorithm());
		Base64URL signature = active.signer().sign(header, input2);
		assertThat(activeVerifier.verifier().verify(header, input2, signature)).isTrue();
	}

	private static void fill(String text) throws IOException {
		try (Stream<Path> files = Files.list(FOLDER)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		for (String section : text.split("\n%%\n", 8)) {
			int newline = section.indexOf('\n');
			String name = sanitize((newline < 0) ? section : section.substring(0, newline));
			String content = (newline < 0) ? "" : section.substring(newline + 1);
			Files.writeString(FOLDER.resolve(name), content, StandardCharsets.UTF_8);
		}
	}

	private static String sanitize(String name) {
		String kept = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
		kept = kept.replaceAll("^\\.+", "");
		kept = kept.substring(0, Math.min(kept.length(), 32));
		return kept.isEmpty() ? "key.pem" : kept;
	}

	private static Path folder() {
		try {
			return Files.createTempDirectory("seta-fuzz-keys");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void removeFolder() throws IOException {
		try (Stream<Path> files = Files.list(FOLDER)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.deleteIfExists(FOLDER);
	}


}
