package eu.seta.gateway.token;

import java.time.Duration;
import java.time.Instant;

import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.Session;

final class TokenResponses {

	private TokenResponses() {
	}

	static TokenResponse of(AccessTokenIssuer.AccessToken access, RefreshTokens.Issued refresh, Session session,
			Instant now) {
		long refreshSeconds = Math.max(0, Duration.between(now, session.idleExpiresAt()).toSeconds());
		return new TokenResponse(access.value(), refresh.value(), "Bearer", access.lifetime().toSeconds(),
				refreshSeconds);
	}

	/** RFC 8693 section 2.2.1: a token exchange names the type of what it issued. */
	static TokenResponse exchanged(AccessTokenIssuer.AccessToken access, RefreshTokens.Issued refresh, Session session,
			Instant now) {
		TokenResponse pair = of(access, refresh, session, now);
		return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.tokenType(), pair.expiresIn(),
				pair.refreshExpiresIn(), TokenExchangeRequest.ACCESS_TOKEN_TYPE);
	}

}
