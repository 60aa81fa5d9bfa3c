package eu.seta.gateway.directory;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads one principal as the directory file and the user service both write it: {@code id}, {@code provider},
 * {@code username}, {@code type}, {@code owner}, {@code role}, {@code status}, {@code public-keys}. Every rule a
 * principal must meet is here, so that both sources refuse the same entries for the same reasons.
 */
final class PrincipalEntries {

	/** Ids and usernames travel in token claims and HTTP headers: no control characters, bounded length. */
	private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]{1,256}");

	private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private PrincipalEntries() {
	}

	/**
	 * @throws IllegalArgumentException with the reason, fit for a log line, when the entry is not acceptable
	 */
	static Principal parse(@Nullable Object entry) {
		if (!(entry instanceof Map<?, ?> fields)) {
			throw new IllegalArgumentException("an entry must be a mapping");
		}
		String id = required(fields, "id");
		requirePrintable("id", id);
		String provider = required(fields, "provider").toLowerCase(Locale.ROOT);
		if (!PROVIDER.matcher(provider).matches()) {
			throw new IllegalArgumentException("provider '" + provider + "' must match " + PROVIDER.pattern());
		}
		String username = required(fields, "username");
		requirePrintable("username", username);
		PrincipalType type = PrincipalType.of(optional(fields, "type", "user"))
			.orElseThrow(() -> new IllegalArgumentException("type must be 'user' or 'application'"));
		Role role = Role.of(optional(fields, "role", "User"))
			.orElseThrow(() -> new IllegalArgumentException("role must be 'User' or 'Administrator'"));
		PrincipalStatus status = PrincipalStatus.of(optional(fields, "status", "active"))
			.orElseThrow(() -> new IllegalArgumentException("status must be 'active' or 'disabled'"));
		String owner = (fields.get("owner") == null) ? null : required(fields, "owner");
		if (type == PrincipalType.APPLICATION && owner == null) {
			throw new IllegalArgumentException("an application needs an 'owner' (the owning user's id)");
		}
		if (type == PrincipalType.USER && owner != null) {
			throw new IllegalArgumentException("only applications have an 'owner'");
		}
		return new Principal(id, new LoginName(provider, username), type, owner, role, status, publicKeys(fields));
	}

	private static List<RSAPublicKey> publicKeys(Map<?, ?> fields) {
		Object value = fields.get("public-keys");
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> texts)) {
			throw new IllegalArgumentException("public-keys must be a list");
		}
		List<RSAPublicKey> keys = new ArrayList<>();
		for (int k = 0; k < texts.size(); k++) {
			if (!(texts.get(k) instanceof String text)) {
				throw new IllegalArgumentException("public key " + (k + 1) + " must be a string");
			}
			RSAPublicKey key;
			try {
				key = PublicKeyText.parse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("public key " + (k + 1) + ": " + ex.getMessage());
			}
			Optional<String> violation = RsaKeyPolicy.violation(key);
			if (violation.isPresent()) {
				throw new IllegalArgumentException("public key " + (k + 1) + ": " + violation.get());
			}
			keys.add(key);
		}
		return keys;
	}

	private static String required(Map<?, ?> fields, String name) {
		Object value = fields.get(name);
		// YAML reads an unquoted id such as 42 as a number; it is still meant as text
		String text = (value instanceof Number number) ? number.toString() : (value instanceof String s) ? s : null;
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must be a non-empty string");
		}
		return text.strip();
	}

	private static String optional(Map<?, ?> fields, String name, String fallback) {
		return (fields.get(name) == null) ? fallback : required(fields, name);
	}

	private static void requirePrintable(String name, String value) {
		if (!PRINTABLE.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + name + "' must be 1 to 256 characters without control characters");
		}
	}

}
