package eu.seta.gateway.issuers;

import java.time.Instant;

import eu.seta.gateway.directory.LoginName;
import org.jspecify.annotations.Nullable;

/**
 * A verified token of a trusted issuer, mapped to SeTA's terms.
 *
 * @param issuer the issuer, as its tokens name it
 * @param subject the token's {@code sub}
 * @param login the SeTA provider configured for the issuer and the username from the token (lowercased)
 * @param role the SeTA role: the directory's for a mapped principal, else from the role mapping
 * @param userType {@code user}, or the directory's type for a mapped principal
 * @param tokenId the token's {@code jti}, or empty
 * @param issuedAt {@code iat} in epoch seconds, or {@link Long#MIN_VALUE} without one
 * @param expiresAt {@code exp}
 * @param principalId the directory principal's id when the issuer requires one, else null
 * @param keysGeneration the version of the issuer's keys that verified it
 */
public record ExternalToken(String issuer, String subject, LoginName login, String role, String userType,
		String tokenId, long issuedAt, Instant expiresAt, @Nullable String principalId, long keysGeneration) {

	/** What backends get as the user id: the directory principal's when there is one, else the issuer's subject. */
	public String userId() {
		return (this.principalId != null) ? this.principalId : this.subject;
	}

	@Override
	public String toString() {
		return "ExternalToken[issuer=" + this.issuer + ", login=" + this.login + "]";
	}

}
