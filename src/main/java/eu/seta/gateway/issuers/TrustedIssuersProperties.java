package eu.seta.gateway.issuers;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import eu.seta.gateway.directory.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID Connect providers whose access tokens the edge accepts beside its own. Bound under {@code seta.edge}
 * with the edge's other settings; every entry is checked at start-up, and a wrong one stops the gateway with a
 * message naming the entry, the setting and what to write instead.
 *
 * @param trustedIssuers one entry per issuer; empty (the default) accepts the gateway's own tokens only, and then
 * the edge does exactly what it does without this feature
 */
@ConfigurationProperties(TrustedIssuersProperties.PREFIX)
public record TrustedIssuersProperties(@DefaultValue List<Issuer> trustedIssuers) {

	public static final String PREFIX = "seta.edge";

	static final String SETTING = PREFIX + ".trusted-issuers";

	/** The provider of SeTA's application principals: no external issuer may speak for them. */
	static final String APPLICATIONS = "seta";

	/** Public-key signatures only: an HMAC "key" of an issuer would be a secret every verifier shares. */
	static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(JWSAlgorithm.Family.SIGNATURE);

	public TrustedIssuersProperties {
		trustedIssuers = List.copyOf(trustedIssuers);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < trustedIssuers.size(); i++) {
			Issuer issuer = trustedIssuers.get(i);
			if (issuer == null) {
				throw new IllegalArgumentException(SETTING + "[" + i + "] is empty: give at least issuer, audiences "
						+ "and provider");
			}
			if (!seen.add(issuer.id())) {
				throw new IllegalArgumentException(SETTING + "[" + i + "].issuer " + issuer.id() + " is listed twice: "
						+ "one entry per issuer");
			}
		}
	}

	/**
	 * The SeTA providers the issuers map their callers to: principals of these can get tokens without a key of
	 * their own (by token exchange, or by presenting the issuer's token), so a principal without keys is no reason
	 * to end theirs.
	 */
	public Set<String> providers() {
		return Set.copyOf(this.trustedIssuers.stream().map(Issuer::provider).toList());
	}

	/**
	 * One trusted issuer.
	 *
	 * @param issuer the issuer's identifier, exactly as its tokens' {@code iss} and its discovery document name it
	 * (e.g. {@code https://keycloak.example.org/realms/seta}); an http or https URL without query or fragment
	 * @param jwksUri where its public keys are; unset, they are found through
	 * {@code {issuer}/.well-known/openid-configuration} (whose {@code issuer} must be this one)
	 * @param audiences a token must name one of these in {@code aud} (an issuer's tokens for other applications are
	 * refused); required
	 * @param algorithms the signature algorithms accepted, each checked against the key that verifies it; public-key
	 * algorithms only (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA)
	 * @param provider the SeTA provider its callers get (e.g. {@code ecas} for EU Login); with the username, what the
	 * directory is asked about
	 * @param usernameClaim the claim holding the username at that provider; a token without it (or with a value that
	 * is not a string) falls back to {@code sub}
	 * @param roleClaim a claim holding the caller's roles at the issuer: a string (space-separated values) or a list
	 * of strings; a dotted name reaches into objects ({@code realm_access.roles} of Keycloak) when no claim of that
	 * whole name exists. Unset, every caller gets {@code default-role}
	 * @param roleMapping a value of {@code role-claim} to the SeTA role it grants ({@code User} or
	 * {@code Administrator}); of several mapped values the highest role wins; keys with characters other than
	 * letters, digits and {@code -} go in brackets ({@code "[seta:admin]": Administrator})
	 * @param defaultRole the role of a caller none of whose values is mapped
	 * @param requirePrincipal whether the caller must be an active principal of the directory (looked up by
	 * provider and username), whose id, role and type are then used; a caller who is not gets 401
	 * @param refreshInterval how often the keys are fetched again in the background
	 * @param staleLimit how long the last keys keep working while the issuer cannot be reached; after that its
	 * tokens get 503
	 */
	public record Issuer(URI issuer, @Nullable URI jwksUri, @DefaultValue List<String> audiences,
			@DefaultValue({ "RS256", "ES256" }) List<String> algorithms, @Nullable String provider,
			@DefaultValue("preferred_username") String usernameClaim, @Nullable String roleClaim,
			@DefaultValue Map<String, String> roleMapping, @DefaultValue("User") String defaultRole,
			@DefaultValue("false") boolean requirePrincipal, @DefaultValue("5m") Duration refreshInterval,
			@DefaultValue("1h") Duration staleLimit) {

		public Issuer {
			if (issuer == null || !isUrl(issuer)) {
				throw new IllegalArgumentException(SETTING + "[].issuer must be the issuer's http or https URL "
						+ "without query or fragment, exactly as its tokens name it in 'iss'; was '" + issuer + "'");
			}
			String name = SETTING + "[issuer=" + issuer + "]";
			if (jwksUri != null && !isUrl(jwksUri)) {
				throw new IllegalArgumentException(name + ".jwks-uri must be an http or https URL, was '" + jwksUri
						+ "'; leave it unset to find the keys through " + issuer + "/.well-known/openid-configuration");
			}
			audiences = List.copyOf(audiences);
			if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
				throw new IllegalArgumentException(name + ".audiences is required: the 'aud' values meant for this "
						+ "platform (e.g. the client id SeTA has at the issuer), so that the issuer's tokens for other "
						+ "applications are refused");
			}
			algorithms = List.copyOf(algorithms);
			if (algorithms.isEmpty()) {
				throw new IllegalArgumentException(name + ".algorithms must not be empty; the default is RS256, ES256");
			}
			for (String algorithm : algorithms) {
				if (!ASYMMETRIC.contains(JWSAlgorithm.parse(algorithm))) {
					throw new IllegalArgumentException(name + ".algorithms: '" + algorithm + "' is not accepted; use "
							+ "public-key algorithms only: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, "
							+ "ES512, EdDSA");
				}
			}
			if (provider == null || provider.isBlank()) {
				throw new IllegalArgumentException(name + ".provider is required: the SeTA provider its callers "
						+ "have, e.g. ecas");
			}
			provider = provider.toLowerCase(Locale.ROOT);
			if (APPLICATIONS.equals(provider)) {
				throw new IllegalArgumentException(name + ".provider cannot be 'seta': that is the provider of SeTA's "
						+ "applications, which log in with their own keys; name the issuer's provider, e.g. ecas");
			}
			if (usernameClaim.isBlank()) {
				throw new IllegalArgumentException(name + ".username-claim must not be blank; the default is "
						+ "preferred_username");
			}
			if (roleClaim != null && roleClaim.isBlank()) {
				roleClaim = null;
			}
			roleMapping = new LinkedHashMap<>(roleMapping);
			requireRole(name + ".default-role", defaultRole);
			for (Map.Entry<String, String> mapping : roleMapping.entrySet()) {
				requireRole(name + ".role-mapping." + mapping.getKey(), mapping.getValue());
			}
			if (!roleMapping.isEmpty() && roleClaim == null) {
				throw new IllegalArgumentException(name + ".role-mapping needs role-claim: the claim whose values it "
						+ "maps");
			}
			roleMapping = Map.copyOf(roleMapping);
			requirePositive(name + ".refresh-interval", refreshInterval);
			requirePositive(name + ".stale-limit", staleLimit);
		}

		/** The issuer as tokens name it: compared exactly, a trailing slash included. */
		public String id() {
			return this.issuer.toString();
		}

		Set<JWSAlgorithm> jwsAlgorithms() {
			return Set.copyOf(this.algorithms.stream().map(JWSAlgorithm::parse).toList());
		}

		Role defaultSetaRole() {
			return Role.of(this.defaultRole).orElseThrow();
		}

		Map<String, Role> setaRoles() {
			Map<String, Role> roles = new LinkedHashMap<>();
			this.roleMapping.forEach((value, role) -> roles.put(value, Role.of(role).orElseThrow()));
			return Map.copyOf(roles);
		}

		private static void requireRole(String setting, String role) {
			if (Role.of(role).isEmpty()) {
				throw new IllegalArgumentException(setting + " must be User or Administrator, was '" + role + "'");
			}
		}

		private static void requirePositive(String setting, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(setting + " must be positive, was " + value);
			}
		}

		private static boolean isUrl(URI uri) {
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getRawQuery() == null && uri.getRawFragment() == null;
		}

	}

}
