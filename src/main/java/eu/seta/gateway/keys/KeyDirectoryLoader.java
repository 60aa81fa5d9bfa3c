package eu.seta.gateway.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import eu.seta.gateway.crypto.CryptoProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the key set from a directory, typically a mounted Kubernetes Secret: one key per file, PEM
 * ({@code *.pem}, {@code *.key}) or JWK ({@code *.json}, {@code *.jwk}). The kid is the JWK's {@code kid}, else
 * the file name without extension. The active key is named by {@code seta.keys.active-kid}, else by a file
 * {@code active-kid} in the directory (so that switching keys needs no restart), else it is the only private key.
 * Every other key is published only: its tokens stay valid until it is removed.
 * <p>
 * A file that is not a usable key (unreadable, weak, another curve, a kid an earlier file already has) is skipped
 * with an error in the log, and the others load: one bad file must not block rotation. The load fails only when
 * no key is left or the active one is missing, and then names what was skipped.
 */
final class KeyDirectoryLoader {

	private static final Logger log = LoggerFactory.getLogger(KeyDirectoryLoader.class);

	static final String ACTIVE_KID_FILE = "active-kid";

	private final CryptoProvider crypto;

	KeyDirectoryLoader(CryptoProvider crypto) {
		this.crypto = crypto;
	}

	KeySet load(Path directory, @Nullable String configuredActiveKid) {
		if (!Files.isDirectory(directory)) {
			throw new IllegalArgumentException("key directory " + directory + " does not exist");
		}
		List<JWK> keys = new ArrayList<>();
		Set<String> kids = new HashSet<>();
		List<String> skipped = new ArrayList<>();
		for (Path file : keyFiles(directory)) {
			try {
				List<JWK> read = read(file);
				Set<String> fileKids = new HashSet<>();
				for (JWK key : read) {
					if (kids.contains(key.getKeyID()) || !fileKids.add(key.getKeyID())) {
						// two keys under one kid: the one loaded first keeps it, tokens cannot name the other
						throw new IllegalArgumentException("kid " + key.getKeyID() + " appears twice");
					}
				}
				kids.addAll(fileKids);
				keys.addAll(read);
			}
			catch (IllegalArgumentException ex) {
				String reason = file.getFileName() + ": " + ex.getMessage();
				log.error("Key file {} skipped, the other keys in {} stay in use: {}", file.getFileName(), directory,
						ex.getMessage());
				skipped.add(reason);
			}
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("no usable key files (*.pem, *.key, *.json, *.jwk) in " + directory
					+ skippedNote(skipped));
		}
		String activeKid = activeKid(directory, configuredActiveKid, keys);
		JWK activeJwk = keys.stream()
			.filter((key) -> key.getKeyID().equals(activeKid))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"active kid '" + activeKid + "' names no key in " + directory + skippedNote(skipped)));
		SigningKey active = KeyMaterial.signingKey(activeJwk, this.crypto);
		return KeySet.of(active, keys.stream().map(JWK::toPublicJWK).toList(), this.crypto);
	}

	private static String skippedNote(List<String> skipped) {
		return skipped.isEmpty() ? "" : " (skipped: " + String.join("; ", skipped) + ")";
	}

	private static List<Path> keyFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			// Kubernetes puts ..data and timestamped folders beside the keys: only plain key files count
			return files.filter(Files::isRegularFile)
				.filter((file) -> extension(file) != null)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + directory, ex);
		}
	}

	private static List<JWK> read(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read the file: " + ex.getMessage());
		}
		String fileKid = baseName(file);
		try {
			if ("pem".equals(extension(file))) {
				return List.of(KeyMaterial.normalize(PemKeys.parse(text), fileKid));
			}
			if (text.contains("\"keys\"")) {
				return JWKSet.parse(text)
					.getKeys()
					.stream()
					.map((jwk) -> KeyMaterial.normalize(jwk, kidOf(jwk, fileKid)))
					.toList();
			}
			JWK jwk = JWK.parse(text);
			return List.of(KeyMaterial.normalize(jwk, kidOf(jwk, fileKid)));
		}
		catch (JOSEException | ParseException | RuntimeException ex) {
			throw new IllegalArgumentException("not a usable key: " + ex.getMessage());
		}
	}

	private static String activeKid(Path directory, @Nullable String configured, List<JWK> keys) {
		if (configured != null && !configured.isBlank()) {
			return configured.strip();
		}
		Path pointer = directory.resolve(ACTIVE_KID_FILE);
		if (Files.isRegularFile(pointer)) {
			try {
				return Files.readString(pointer, StandardCharsets.UTF_8).strip();
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("cannot read " + pointer + ": " + ex.getMessage());
			}
		}
		List<JWK> privateKeys = keys.stream().filter(JWK::isPrivate).toList();
		if (privateKeys.size() != 1) {
			throw new IllegalArgumentException(privateKeys.size() + " private keys in " + directory
					+ " and none named active: set seta.keys.active-kid or write the kid into " + pointer);
		}
		return privateKeys.get(0).getKeyID();
	}

	private static String kidOf(JWK jwk, String fallback) {
		return (jwk.getKeyID() != null) ? jwk.getKeyID() : fallback;
	}

	private static @Nullable String extension(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".pem") || name.endsWith(".key")) {
			return "pem";
		}
		if (name.endsWith(".json") || name.endsWith(".jwk")) {
			return "jwk";
		}
		return null;
	}

	private static String baseName(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

}
