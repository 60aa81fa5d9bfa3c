package eu.seta.gateway.token;

import eu.seta.gateway.directory.LoginName;

/**
 * A login attempt: who claims to be logging in, the message the client chose and its signature over it.
 *
 * @param login provider and username, lowercased
 * @param message the signed text, verified over its UTF-8 bytes
 * @param signature the RSASSA-PKCS1-v1_5 signature, decoded from hex
 */
record ProofRequest(LoginName login, String message, byte[] signature) {

	@Override
	public String toString() {
		return "ProofRequest[login=" + this.login + "]";
	}

}
