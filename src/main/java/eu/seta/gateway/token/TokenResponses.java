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

}
