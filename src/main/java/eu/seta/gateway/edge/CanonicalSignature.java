package eu.seta.gateway.edge;

import java.util.Base64;

import com.nimbusds.jose.util.Base64URL;

/**
 * A new token's signature part as nimbus' verifiers read it, decoded by the JDK. Nimbus' own decoder is written to
 * take the same time whatever the letters, as a secret's decoding should: 4.6 % of the samples of a call with a new
 * token. A signature is public, and only a part that {@code Base64Url.isCanonical} accepted is made into one of
 * these, so the JDK's strict decoder reads the same bytes.
 */
final class CanonicalSignature extends Base64URL {

	private static final long serialVersionUID = 1L;

	CanonicalSignature(String encoded) {
		super(encoded);
	}

	@Override
	public byte[] decode() {
		return Base64.getUrlDecoder().decode(toString());
	}

}
