package eu.seta.gateway.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import eu.seta.gateway.reload.ChangePoller;
import eu.seta.gateway.reload.FileFingerprint;
import eu.seta.gateway.crypto.CryptoProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a directory, reloaded when a file in it changes: publishing the next key, switching the active kid
 * and retiring an old key all happen on a running gateway. A reload that fails keeps the previous key set.
 */
final class ReloadingSigningKeys implements SigningKeys, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReloadingSigningKeys.class);

	private final KeyDirectoryLoader loader;

	private final Path directory;

	private final @Nullable String activeKid;

	private final AtomicReference<KeySet> current = new AtomicReference<>();

	private final ChangePoller poller;

	ReloadingSigningKeys(Path directory, @Nullable String activeKid, Duration reloadInterval, CryptoProvider crypto) {
		this.loader = new KeyDirectoryLoader(crypto);
		this.directory = directory.toAbsolutePath();
		this.activeKid = activeKid;
		try {
			this.current.set(this.loader.load(this.directory, activeKid));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Cannot load signing keys from " + this.directory + ": " + ex.getMessage()
					+ ". Fix the key files or unset seta.keys.directory to use a generated development key.", ex);
		}
		logLoaded();
		this.poller = new ChangePoller("signing-keys", reloadInterval, () -> FileFingerprint.of(this.directory),
				this::reload);
	}

	@Override
	public KeySet current() {
		return this.current.get();
	}

	void reload() {
		try {
			this.current.set(this.loader.load(this.directory, this.activeKid));
			logLoaded();
		}
		catch (RuntimeException ex) {
			log.error("Signing keys in {} not reloaded, keeping active key {}: {}", this.directory,
					this.current.get().active().kid(), ex.getMessage());
		}
	}

	private void logLoaded() {
		KeySet keys = this.current.get();
		log.info("Signing keys loaded from {}: active {} ({}), published {}", this.directory, keys.active().kid(),
				keys.active().algorithm(), keys.published().getKeys().stream().map((jwk) -> jwk.getKeyID()).toList());
	}

	@Override
	public void close() {
		this.poller.close();
	}

}
