package eu.seta.gateway.edge;

import org.jspecify.annotations.Nullable;

/**
 * The edge's validation of access tokens, for the gateway's own endpoints that take a token as data rather than as
 * a credential (revocation, introspection): exactly the checks a proxied call gets, revocations included.
 */
public final class AccessTokens {

	private final AccessTokenDecoder decoder;

	AccessTokens(AccessTokenDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * The caller the token speaks for, or null when it is not a currently valid access token of this gateway. A
	 * trusted external issuer's token is not one: it names no session of the gateway's to revoke or introspect.
	 */
	public @Nullable Caller valid(String token) {
		try {
			Caller caller = this.decoder.verify(token);
			return (caller == AccessTokenDecoder.EXTERNAL || caller.isExternal()) ? null : caller;
		}
		catch (BearerRefusal ex) {
			return null;
		}
	}

}
