package eu.seta.gateway.session;

import java.util.Objects;

/** The SHA-256 of a refresh token, base64url: what the store keeps instead of the token. */
public record TokenHash(String value) {

	public TokenHash {
		Objects.requireNonNull(value, "value");
	}

}
