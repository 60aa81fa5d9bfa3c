package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Entries of a principal directory file, written as an operator would write them. */
public final class TestPrincipals {

	private TestPrincipals() {
	}

	public record Entry(String id, String provider, String username, String type, String owner, String role,
			String status, List<String> publicKeys) {

		public Entry withStatus(String newStatus) {
			return new Entry(this.id, this.provider, this.username, this.type, this.owner, this.role, newStatus,
					this.publicKeys);
		}

		public Entry withRole(String newRole) {
			return new Entry(this.id, this.provider, this.username, this.type, this.owner, newRole, this.status,
					this.publicKeys);
		}

		public Entry withKeys(String... keys) {
			return new Entry(this.id, this.provider, this.username, this.type, this.owner, this.role, this.status,
					List.of(keys));
		}

		String yaml() {
			StringBuilder yaml = new StringBuilder();
			yaml.append("  - id: \"").append(this.id).append("\"\n");
			yaml.append("    provider: \"").append(this.provider).append("\"\n");
			yaml.append("    username: \"").append(this.username).append("\"\n");
			yaml.append("    type: ").append(this.type).append('\n');
			if (this.owner != null) {
				yaml.append("    owner: \"").append(this.owner).append("\"\n");
			}
			yaml.append("    role: ").append(this.role).append('\n');
			yaml.append("    status: ").append(this.status).append('\n');
			yaml.append("    public-keys:").append(this.publicKeys.isEmpty() ? " []\n" : "\n");
			for (String key : this.publicKeys) {
				if (key.contains("\n")) {
					yaml.append("      - |\n");
					key.strip().lines().forEach((line) -> yaml.append("        ").append(line).append('\n'));
				}
				else {
					yaml.append("      - \"").append(key).append("\"\n");
				}
			}
			return yaml.toString();
		}

	}

	public static Entry user(String id, String provider, String username, String... keys) {
		return new Entry(id, provider, username, "user", null, "User", "active", List.of(keys));
	}

	public static Entry application(String id, String name, String owner, String... keys) {
		return new Entry(id, "seta", name, "application", Objects.requireNonNull(owner), "User", "active",
				List.of(keys));
	}

	public static String yaml(List<Entry> entries) {
		StringBuilder yaml = new StringBuilder("principals:\n");
		entries.forEach((entry) -> yaml.append(entry.yaml()));
		return yaml.toString();
	}

	/** Writes the file in one atomic move, as a ConfigMap update does, so a reload never reads half of it. */
	public static void write(Path file, List<Entry> entries) {
		try {
			Path temporary = Files.createTempFile(file.getParent(), "principals", ".tmp");
			Files.writeString(temporary, yaml(new ArrayList<>(entries)), StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
