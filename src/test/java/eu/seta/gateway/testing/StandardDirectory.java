package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The principal directory file with the {@link StandardPrincipals}, written once per test run. */
public final class StandardDirectory {

	private static final Path FILE = write();

	private StandardDirectory() {
	}

	public static Path file() {
		return FILE;
	}

	private static Path write() {
		try {
			Path folder = Files.createTempDirectory("seta-directory");
			Path file = folder.resolve("principals.yml");
			TestPrincipals.write(file, StandardPrincipals.all());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
