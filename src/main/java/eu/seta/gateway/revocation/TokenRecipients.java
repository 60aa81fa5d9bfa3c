package eu.seta.gateway.revocation;

/** Told of every principal an access token is issued to, so that a later change in the directory can reach it. */
@FunctionalInterface
public interface TokenRecipients {

	void issuedTo(String principalId);

}
