package eu.seta.gateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

/** The claims of an access token as the gateway issues them, so that the benchmarks sign and verify the real size. */
final class BenchClaims {

	private BenchClaims() {
	}

	static JWTClaimsSet accessToken(String issuer, String jwtId, Instant now, Duration lifetime) {
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(List.of("seta-api"))
			.subject("u-bench")
			.claim("client_id", "u-bench")
			// 16 characters like the gateway's own, so that the edge's revocation lookup hashes a real one
			.claim("sid", sid(jwtId))
			.claim("seta_id", Map.of("user_id", "u-bench", "provider", "github", "provider_uid", "bench"))
			.claim("role", "User")
			.claim("user_type", "user")
			.claim("fresh", true)
			.claim("type", "access")
			.jwtID(jwtId)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.build();
	}

	private static String sid(String jwtId) {
		String hash = Integer.toHexString(jwtId.hashCode());
		return ("sid-" + hash + "000000000000").substring(0, 16);
	}

}
