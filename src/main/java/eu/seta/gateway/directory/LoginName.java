package eu.seta.gateway.directory;

import java.util.Locale;

/**
 * What a client logs in with: identity provider and the provider's user id, compared lowercased
 * ({@link Locale#ROOT}, so a Turkish locale cannot turn {@code I} into a dotless {@code ı}).
 */
public record LoginName(String provider, String username) {

	public LoginName {
		provider = provider.toLowerCase(Locale.ROOT);
		username = username.toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return this.provider + "/" + this.username;
	}

}
