package eu.seta.gateway.issuers;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.Role;
import org.jspecify.annotations.Nullable;

/**
 * How a verified token of one issuer becomes a SeTA login and role: the configured provider, the username claim
 * (else {@code sub}), and the role claim's values through the role mapping (else the default role). Claims of an
 * unexpected shape read as absent, never fail: the issuer signed them, the mapping only reads them.
 */
final class ClaimMapping {

	private final String provider;

	private final String usernameClaim;

	private final @Nullable String roleClaim;

	private final Map<String, Role> roles;

	private final Role defaultRole;

	ClaimMapping(TrustedIssuersProperties.Issuer settings) {
		this.provider = settings.provider();
		this.usernameClaim = settings.usernameClaim();
		this.roleClaim = settings.roleClaim();
		this.roles = settings.setaRoles();
		this.defaultRole = settings.defaultSetaRole();
	}

	/** Needs {@code sub}, which the claims verifier requires. */
	LoginName login(JWTClaimsSet claims) {
		Object username = claims.getClaim(this.usernameClaim);
		String name = (username instanceof String text && !text.isBlank()) ? text : claims.getSubject();
		return new LoginName(this.provider, name);
	}

	Role role(JWTClaimsSet claims) {
		if (this.roleClaim == null) {
			return this.defaultRole;
		}
		Role granted = null;
		for (String value : values(claim(claims.getClaims(), this.roleClaim))) {
			Role role = this.roles.get(value);
			// Role lists the lower role first: User, Administrator
			if (role != null && (granted == null || role.ordinal() > granted.ordinal())) {
				granted = role;
			}
		}
		return (granted != null) ? granted : this.defaultRole;
	}

	/** The claim of that whole name, else the dotted path through nested objects ({@code realm_access.roles}). */
	private static @Nullable Object claim(Map<String, Object> claims, String name) {
		if (claims.containsKey(name)) {
			return claims.get(name);
		}
		Object value = claims;
		for (String part : name.split("\\.", -1)) {
			if (!(value instanceof Map<?, ?> object)) {
				return null;
			}
			value = object.get(part);
		}
		return value;
	}

	private static List<String> values(@Nullable Object claim) {
		if (claim instanceof String text) {
			return List.of(text.trim().split("\\s+"));
		}
		if (claim instanceof List<?> list) {
			return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

}
