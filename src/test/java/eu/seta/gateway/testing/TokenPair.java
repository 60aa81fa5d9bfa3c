package eu.seta.gateway.testing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A successful token response, as a client reads it. */
public record TokenPair(@JsonProperty("access_token") String accessToken,
		@JsonProperty("refresh_token") String refreshToken, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_expires_in") long refreshExpiresIn) {
}
