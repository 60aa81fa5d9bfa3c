package eu.seta.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Names a used login proof in the store: a hash of who signed what, so the store learns neither the message nor
 * the principal, and the same message signed by two principals are two proofs.
 */
public final class ProofFingerprint {

	private ProofFingerprint() {
	}

	public static String of(String principalId, String message) {
		byte[] input = (principalId + "\u0000" + message).getBytes(StandardCharsets.UTF_8);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(RefreshTokens.sha256(input));
	}

}
