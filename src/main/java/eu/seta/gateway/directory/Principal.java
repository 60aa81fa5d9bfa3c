package eu.seta.gateway.directory;

import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A user or an application that may obtain tokens.
 *
 * @param id stable identifier; becomes the token's {@code sub}
 * @param login the provider and the provider's uid, lowercased
 * @param type user or application
 * @param owner the owning user's id, for applications
 * @param role what the principal may do on the platform
 * @param status whether it may obtain tokens now (an application of a disabled owner is disabled too)
 * @param publicKeys RSA keys any of which may prove possession; empty means no login is possible
 */
public record Principal(String id, LoginName login, PrincipalType type, @Nullable String owner, Role role,
		PrincipalStatus status, List<RSAPublicKey> publicKeys) {

	public Principal {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(login, "login");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(status, "status");
		publicKeys = List.copyOf(publicKeys);
	}

	public boolean isActive() {
		return this.status == PrincipalStatus.ACTIVE;
	}

	Principal withStatus(PrincipalStatus newStatus) {
		return new Principal(this.id, this.login, this.type, this.owner, this.role, newStatus, this.publicKeys);
	}

}
