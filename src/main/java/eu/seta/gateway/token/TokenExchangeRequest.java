package eu.seta.gateway.token;

import java.util.Set;

/**
 * A token exchange (RFC 8693) as the token endpoint reads it: a trusted issuer's token for a token pair of the
 * gateway's.
 *
 * @param subjectToken the issuer's token
 * @param subjectTokenType its type, one of {@link #SUBJECT_TOKEN_TYPES}
 */
record TokenExchangeRequest(String subjectToken, String subjectTokenType) {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

	/** Both are JWTs of the issuer, checked alike: its keys, one of the configured audiences. */
	static final Set<String> SUBJECT_TOKEN_TYPES = Set.of(ACCESS_TOKEN_TYPE, ID_TOKEN_TYPE);

	@Override
	public String toString() {
		return "TokenExchangeRequest[" + this.subjectTokenType + "]";
	}

}
