package eu.seta.gateway.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import eu.seta.gateway.reload.ChangePoller;
import eu.seta.gateway.reload.FileFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The principal directory from a YAML file, reloaded when the file changes. A reload swaps the whole snapshot at
 * once; a file that cannot be read or parsed leaves the last good version in place and says why in the log.
 */
final class FilePrincipalDirectory implements PrincipalDirectory, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FilePrincipalDirectory.class);

	private final Path file;

	private final PrincipalFileParser parser = new PrincipalFileParser();

	private final AtomicReference<DirectorySnapshot> snapshot = new AtomicReference<>(DirectorySnapshot.EMPTY);

	private final ChangePoller poller;

	/**
	 * @throws IllegalStateException when the file cannot be loaded at start-up: there is no good version to keep
	 */
	FilePrincipalDirectory(Path file, Duration reloadInterval) {
		this.file = file.toAbsolutePath();
		try {
			load();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot load the principal directory " + this.file + ": " + ex.getMessage()
					+ ". Set seta.directory.file to a readable YAML file with a top-level 'principals:' list.", ex);
		}
		this.poller = new ChangePoller("principals", reloadInterval, () -> FileFingerprint.of(this.file), this::reload);
	}

	@Override
	public Mono<Principal> findByLogin(LoginName login) {
		return Mono.justOrEmpty(this.snapshot.get().byLogin(login));
	}

	@Override
	public Mono<Principal> findById(String id) {
		return Mono.justOrEmpty(this.snapshot.get().byId(id));
	}

	int size() {
		return this.snapshot.get().size();
	}

	void reload() {
		try {
			load();
		}
		catch (IOException | IllegalArgumentException ex) {
			log.error("Principal directory {} not reloaded, keeping the last good version ({} principals): {}",
					this.file, this.snapshot.get().size(), ex.getMessage());
		}
	}

	private void load() throws IOException {
		String text = Files.readString(this.file, StandardCharsets.UTF_8);
		PrincipalFileParser.Result result = this.parser.parse(text);
		result.rejections().forEach((reason) -> log.warn("Principal directory {}: {}", this.file, reason));
		this.snapshot.set(DirectorySnapshot.of(result.principals()));
		log.info("Principal directory {} loaded: {} principals, {} entries rejected", this.file,
				result.principals().size(), result.rejections().size());
	}

	@Override
	public void close() {
		this.poller.close();
	}

}
