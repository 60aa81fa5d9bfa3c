package eu.seta.gateway.directory;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the principal directory file: a YAML document with a top-level list {@code principals:}. Each invalid
 * entry is refused on its own, with a reason naming it; the rest load. A file that is not such a document at all
 * is refused whole, so the caller can keep its last good version.
 */
final class PrincipalFileParser {

	/** Ids and usernames travel in token claims and HTTP headers: no control characters, bounded length. */
	private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]{1,256}");

	private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final int MAX_DOCUMENT_CODE_POINTS = 64 * 1024 * 1024;

	record Result(List<Principal> principals, List<String> rejections) {
	}

	Result parse(String yamlText) {
		Object document;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
			options.setAllowDuplicateKeys(false);
			document = new Yaml(new SafeConstructor(options)).load(yamlText);
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException("not valid YAML: " + firstLine(ex.getMessage()));
		}
		if (!(document instanceof Map<?, ?> root) || !(root.get("principals") instanceof List<?> entries)) {
			throw new IllegalArgumentException("expected a YAML document with a top-level list 'principals:'");
		}
		List<String> rejections = new ArrayList<>();
		List<Principal> parsed = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String name = "principal #" + (i + 1);
			try {
				Principal principal = parseEntry(entries.get(i));
				parsed.add(principal);
			}
			catch (IllegalArgumentException ex) {
				rejections.add(name + describe(entries.get(i)) + " rejected: " + ex.getMessage());
			}
		}
		List<Principal> unique = dropDuplicates(parsed, rejections);
		return new Result(resolveOwners(unique, rejections), List.copyOf(rejections));
	}

	private static Principal parseEntry(@Nullable Object entry) {
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

	/** Two entries claiming one login or one id are ambiguous: neither gets in, rather than whichever came first. */
	private static List<Principal> dropDuplicates(List<Principal> principals, List<String> rejections) {
		Map<LoginName, Long> logins = countBy(principals, Principal::login);
		Map<String, Long> ids = countBy(principals, Principal::id);
		List<Principal> unique = new ArrayList<>();
		for (Principal principal : principals) {
			if (logins.get(principal.login()) > 1) {
				rejections.add("principal id=" + principal.id() + " rejected: duplicate provider+username "
						+ principal.login());
			}
			else if (ids.get(principal.id()) > 1) {
				rejections.add("principal id=" + principal.id() + " rejected: duplicate id");
			}
			else {
				unique.add(principal);
			}
		}
		return unique;
	}

	/** Applications act for their owner: an unknown owner refuses the entry, a disabled one disables it. */
	private static List<Principal> resolveOwners(List<Principal> principals, List<String> rejections) {
		Map<String, Principal> byId = new HashMap<>();
		principals.forEach((principal) -> byId.put(principal.id(), principal));
		List<Principal> resolved = new ArrayList<>();
		for (Principal principal : principals) {
			if (principal.type() != PrincipalType.APPLICATION) {
				resolved.add(principal);
				continue;
			}
			Principal owner = byId.get(principal.owner());
			if (owner == null || owner.type() != PrincipalType.USER) {
				rejections.add("principal id=" + principal.id() + " rejected: owner '" + principal.owner()
						+ "' is not a loaded user");
			}
			else {
				resolved.add(owner.isActive() ? principal : principal.withStatus(PrincipalStatus.DISABLED));
			}
		}
		return resolved;
	}

	private static <K> Map<K, Long> countBy(Collection<Principal> principals, Function<Principal, K> key) {
		return principals.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
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

	private static String describe(@Nullable Object entry) {
		if (entry instanceof Map<?, ?> fields && fields.get("id") instanceof String id) {
			return " (id=" + id + ")";
		}
		return "";
	}

	private static String firstLine(@Nullable String message) {
		return (message == null) ? "" : message.lines().findFirst().orElse("");
	}

}
