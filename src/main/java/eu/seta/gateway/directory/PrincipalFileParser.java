package eu.seta.gateway.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
				Principal principal = PrincipalEntries.parse(entries.get(i));
				parsed.add(principal);
			}
			catch (IllegalArgumentException ex) {
				rejections.add(name + describe(entries.get(i)) + " rejected: " + ex.getMessage());
			}
		}
		List<Principal> unique = dropDuplicates(parsed, rejections);
		return new Result(resolveOwners(unique, rejections), List.copyOf(rejections));
	}

	/**
	 * A second entry claiming a login or an id that an earlier valid entry holds is skipped; the first stays. A bad
	 * line appended to the file (a typo, a copy) must never take a working principal, or its applications, out.
	 */
	private static List<Principal> dropDuplicates(List<Principal> principals, List<String> rejections) {
		Map<LoginName, Principal> logins = new HashMap<>();
		Map<String, Principal> ids = new HashMap<>();
		List<Principal> unique = new ArrayList<>();
		for (Principal principal : principals) {
			Principal sameLogin = logins.get(principal.login());
			Principal sameId = ids.get(principal.id());
			if (sameLogin != null) {
				rejections.add("principal id=" + principal.id() + " skipped: duplicate provider+username "
						+ principal.login() + " (kept the earlier entry id=" + sameLogin.id() + ")");
			}
			else if (sameId != null) {
				rejections.add("principal id=" + principal.id() + " skipped: duplicate id (kept the earlier entry "
						+ sameId.login() + ")");
			}
			else {
				logins.put(principal.login(), principal);
				ids.put(principal.id(), principal);
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
