package eu.seta.gateway.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.RsaKeyPolicy;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import org.springframework.http.HttpStatus;
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

	/**
	 * A token exchange (RFC 8693 section 2.1) from its form body. Every parameter at most once (RFC 6749 section
	 * 3.2); {@code audience}, {@code resource} and {@code scope} are read as absent: the pair is the gateway's usual
	 * one. Delegation ({@code actor_token}) is not offered.
	 */
	TokenExchangeRequest exchange(byte[] body) {
		Map<String, String> form = form(body);
		String grantType = form.get("grant_type");
		if (grantType == null) {
			throw ApiException.invalidRequest("grant_type is required.");
		}
		if (!TokenExchangeRequest.GRANT_TYPE.equals(grantType)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.UNSUPPORTED_GRANT_TYPE,
					"grant_type must be " + TokenExchangeRequest.GRANT_TYPE + " (or send the JSON proof).");
		}
		String subjectToken = requiredField(form, "subject_token");
		String subjectTokenType = requiredField(form, "subject_token_type");
		if (!TokenExchangeRequest.SUBJECT_TOKEN_TYPES.contains(subjectTokenType)) {
			throw ApiException.invalidRequest("subject_token_type must be " + TokenExchangeRequest.ACCESS_TOKEN_TYPE
					+ " or " + TokenExchangeRequest.ID_TOKEN_TYPE + ".");
		}
		if (form.containsKey("actor_token") || form.containsKey("actor_token_type")) {
			throw ApiException.invalidRequest("actor_token is not supported: exchange the subject's own token.");
		}
		String requested = form.get("requested_token_type");
		if (requested != null && !TokenExchangeRequest.ACCESS_TOKEN_TYPE.equals(requested)) {
			throw ApiException.invalidRequest("requested_token_type must be " + TokenExchangeRequest.ACCESS_TOKEN_TYPE
					+ " (or left out).");
		}
		return new TokenExchangeRequest(subjectToken, subjectTokenType);
	}

	/** An application/x-www-form-urlencoded body, each name at most once; UTF-8. */
	static Map<String, String> form(byte[] body) {
		Map<String, String> fields = new LinkedHashMap<>();
		String text = new String(body, StandardCharsets.US_ASCII);
		if (text.isEmpty()) {
			return fields;
		}
		for (String pair : text.split("&", -1)) {
			int eq = pair.indexOf('=');
			try {
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				if (fields.put(name, value) != null) {
					throw ApiException.invalidRequest(name + " is given more than once.");
				}
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalidRequest("The form body is malformed.");
			}
		}
		return fields;
	}

	private static String requiredField(Map<String, String> form, String name) {
		String value = form.get(name);
		if (value == null || value.isEmpty()) {
			throw ApiException.invalidRequest(name + " is required.");
		}
		return value;
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
