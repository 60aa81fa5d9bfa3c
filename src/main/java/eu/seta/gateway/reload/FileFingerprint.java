package eu.seta.gateway.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Modification time and size of files, following symlinks; cheap enough to take every few seconds. */
public record FileFingerprint(List<String> entries) {

	public static FileFingerprint of(Path path) {
		try {
			if (!Files.exists(path)) {
				return new FileFingerprint(List.of("missing"));
			}
			if (!Files.isDirectory(path)) {
				return new FileFingerprint(List.of(entry(path)));
			}
			try (Stream<Path> files = Files.list(path)) {
				return new FileFingerprint(files.filter(Files::isRegularFile).map(FileFingerprint::entry).sorted().toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String entry(Path file) {
		try {
			return file.getFileName() + ":" + Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
