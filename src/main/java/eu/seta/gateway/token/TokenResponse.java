package eu.seta.gateway.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A token pair, as SeTA clients read it ({@code access_token}, {@code refresh_token}) plus the RFC 6749 fields, and
 * RFC 8693's {@code issued_token_type} for a token exchange (absent otherwise).
 */
@Schema(name = "TokenResponse")
record TokenResponse(@JsonProperty("access_token") @Schema(description = "JWT access token") String accessToken,
		@JsonProperty("refresh_token") @Schema(description = "Opaque refresh token, one use") String refreshToken,
		@JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
		@JsonProperty("expires_in") @Schema(description = "Seconds the access token is valid", example = "3600") long expiresIn,
		@JsonProperty("refresh_expires_in") @Schema(description = "Seconds the refresh token is valid if not used",
				example = "86400") long refreshExpiresIn,
		@JsonProperty("issued_token_type") @JsonInclude(JsonInclude.Include.NON_NULL)
		@Schema(description = "Token exchange only (RFC 8693): urn:ietf:params:oauth:token-type:access_token",
				nullable = true) @Nullable String issuedTokenType) {

	TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {
		this(accessToken, refreshToken, tokenType, expiresIn, refreshExpiresIn, null);
	}

	@Override
	public String toString() {
		return "TokenResponse[expiresIn=" + this.expiresIn + "]";
	}

}
