package eu.seta.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made JWTs for attack tests: header and claims are raw JSON text, so a test can write what no JOSE library
 * would (duplicate names, {@code alg: none}, deep nesting) and sign it with whatever key the attack needs.
 */
public final class TestJwts {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private TestJwts() {
	}

	public static String header(String alg, String kid) {
		return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"at+jwt\"}";
	}

	/** Claims the gateway would accept from its own key, valid from {@code now} for an hour. */
	public static String claims(Instant now) {
		return claims(now, "http://localhost:8080", "seta-api", now.getEpochSecond() + 3600, now.getEpochSecond());
	}

	public static String claims(Instant now, String issuer, String audience, long exp, long nbf) {
		return "{\"sub\":\"u-alice\",\"seta_id\":{\"user_id\":\"u-alice\",\"provider\":\"github\",\"provider_uid\":\"alice\"},"
				+ "\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"role\":\"User\",\"user_type\":\"user\","
				+ "\"fresh\":true,\"type\":\"access\",\"jti\":\"j-" + now.toEpochMilli() + "\",\"iat\":"
				+ now.getEpochSecond() + ",\"nbf\":" + nbf + ",\"exp\":" + exp + "}";
	}

	public static String rs256(String header, String claims, PrivateKey key) {
		String input = encode(header) + "." + encode(claims);
		byte[] signature = TestKeys.signBytes(key, input.getBytes(StandardCharsets.US_ASCII));
		return input + "." + BASE64URL.encodeToString(signature);
	}

	public static String hs256(String header, String claims, byte[] secret) {
		String input = encode(header) + "." + encode(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String unsigned(String header, String claims) {
		return encode(header) + "." + encode(claims) + ".";
	}

	public static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	public static String gatewaySigned(String claims) {
		return rs256(header("RS256", TestSigningKeys.KID), claims, privateKey());
	}

	public static PrivateKey privateKey() {
		try {
			return TestSigningKeys.KEY.toPrivateKey();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
