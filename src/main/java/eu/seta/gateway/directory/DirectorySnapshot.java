package eu.seta.gateway.directory;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** One consistent version of the directory, swapped in whole so that a lookup never sees half a reload. */
record DirectorySnapshot(Map<LoginName, Principal> byLogin, Map<String, Principal> byId) {

	static final DirectorySnapshot EMPTY = new DirectorySnapshot(Map.of(), Map.of());

	static DirectorySnapshot of(Collection<Principal> principals) {
		return new DirectorySnapshot(
				principals.stream().collect(Collectors.toUnmodifiableMap(Principal::login, Function.identity())),
				principals.stream().collect(Collectors.toUnmodifiableMap(Principal::id, Function.identity())));
	}

	@Nullable Principal byLogin(LoginName login) {
		return this.byLogin.get(login);
	}

	@Nullable Principal byId(String id) {
		return this.byId.get(id);
	}

	int size() {
		return this.byId.size();
	}

}
