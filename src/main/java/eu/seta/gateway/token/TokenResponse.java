package eu.seta.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A token pair, as SeTA clients read it ({@code access_token}, {@code refresh_token}) plus the RFC 6749 fields.
 */
@Schema(name = "TokenResponse")
record TokenResponse(@JsonProperty("access_token") @Schema(description = "JWT access token") String accessToken,
		@JsonProperty("refresh_token") @Schema(description = "Opaque refresh token, one use") String refreshToken,
		@JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
		@JsonProperty("expires_in") @Schema(description = "Seconds the access token is valid", example = "3600") long expiresIn,
		@JsonProperty("refresh_expires_in") @Schema(description = "Seconds the refresh token is valid if not used",
				example = "86400") long refreshExpiresIn) {

	@Override
	public String toString() {
		return "TokenResponse[expiresIn=" + this.expiresIn + "]";
	}

}
