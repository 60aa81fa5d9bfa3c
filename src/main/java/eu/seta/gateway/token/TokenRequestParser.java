package eu.seta.gateway.token;

import java.util.HexFormat;

import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.RsaKeyPolicy;
import eu.seta.gateway.errors.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /authentication/v1/token} as SeTA clients send it. Every refusal names the
 * field, so a client developer can fix the call without reading the gateway's code.
 */
final class TokenRequestParser {

	static final int MAX_MESSAGE_CHARS = 4096;

	static final int MAX_SIGNATURE_BYTES = RsaKeyPolicy.MAX_BITS / 8;

	static final String USERNAME = "username";

	static final String PROVIDER = "provider";

	static final String MESSAGE = "rsa_original_message";

	static final String SIGNATURE = "rsa_message_signature";

	/** Duplicate keys are refused: two parsers reading one body differently is how smuggling starts. */
	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	ProofRequest parse(byte[] body) {
		JsonNode root = readObject(body);
		String username = requiredString(root, USERNAME);
		String provider = requiredString(root, PROVIDER);
		String message = requiredString(root, MESSAGE);
		String signatureHex = requiredString(root, SIGNATURE);
		if (message.codePointCount(0, message.length()) > MAX_MESSAGE_CHARS) {
			throw ApiException.invalidRequest(MESSAGE + " must be at most " + MAX_MESSAGE_CHARS + " characters.");
		}
		byte[] signature = decodeHex(signatureHex);
		if (signature.length > MAX_SIGNATURE_BYTES) {
			// measured against the largest key anyone may register, not the principal's: no oracle for who exists
			throw ApiException.invalidRequest(SIGNATURE + " is longer than any accepted key.");
		}
		return new ProofRequest(new LoginName(provider, username), message, signature);
	}

	static JsonNode readObject(byte[] body) {
		JsonNode root;
		try {
			root = (body.length == 0) ? null : STRICT.readTree(body);
		}
		catch (JacksonException ex) {
			throw ApiException.invalidRequest("The request body is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw ApiException.invalidRequest("The request body must be a JSON object.");
		}
		return root;
	}

	static String requiredString(JsonNode root, String field) {
		JsonNode value = root.get(field);
		if (value == null || value.isNull() || value.isMissingNode()) {
			throw ApiException.invalidRequest(field + " is required.");
		}
		if (!value.isString()) {
			throw ApiException.invalidRequest(field + " must be a string.");
		}
		String text = value.stringValue();
		if (text.isEmpty()) {
			throw ApiException.invalidRequest(field + " must not be empty.");
		}
		return text;
	}

	private static byte[] decodeHex(String hex) {
		if (hex.length() % 2 != 0) {
			throw ApiException.invalidRequest(SIGNATURE + " must have an even number of hex digits.");
		}
		try {
			// ASCII hex digits only, either case: pycryptodome's signature.hex() and Java's HexFormat both qualify
			return HexFormat.of().parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest(SIGNATURE + " must be hexadecimal (0-9, a-f, A-F).");
		}
	}

}
