package eu.seta.gateway.session;

import eu.seta.gateway.support.Sha256;

/**
 * Names a used login proof in the store: a hash of who signed what, so the store learns neither the message nor
 * the principal, and the same message signed by two principals are two proofs.
 */
public final class ProofFingerprint {

	private ProofFingerprint() {
	}

	public static String of(String principalId, String message) {
		return Sha256.base64url(principalId + "\u0000" + message);
	}

}
