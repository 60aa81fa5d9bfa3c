package eu.seta.gateway.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.directory.DirectoryUnavailableException;
import eu.seta.gateway.edge.ClientAddresses;
import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.ratelimit.RateLimitedException;
import eu.seta.gateway.session.SessionStoreUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The token API at the paths SeTA clients already call. Bodies are read here, not by a message converter, so that
 * size, content type and every field get the exact refusal the contract promises.
 */
@RestController
@RequestMapping("/authentication/v1/token")
@Tag(name = "Tokens", description = "Log in with an RSA signature, refresh, and log out")
class TokenEndpoint {

	private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

	private static final CacheControl NO_STORE = CacheControl.noStore();

	/** What revoke reads (RFC 7009 names the form; SeTA-style clients send JSON). */
	private static final String[] REVOCATION_TYPES = { MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			MediaType.APPLICATION_JSON_VALUE };

	private final TokenRequestParser parser = new TokenRequestParser();

	/** What /token reads with trusted issuers configured: the JSON proof, or a token exchange as a form. */
	private static final String[] TOKEN_TYPES = { MediaType.APPLICATION_JSON_VALUE,
			MediaType.APPLICATION_FORM_URLENCODED_VALUE };

	private final ProofGrant proofGrant;

	private final TokenExchangeGrant exchangeGrant;

	private final RefreshGrant refreshGrant;

	private final TokenRevocation revocation;

	private final ClientAddresses clients;

	TokenEndpoint(ProofGrant proofGrant, TokenExchangeGrant exchangeGrant, RefreshGrant refreshGrant,
			TokenRevocation revocation, ClientAddresses clients) {
		this.proofGrant = proofGrant;
		this.exchangeGrant = exchangeGrant;
		this.refreshGrant = refreshGrant;
		this.revocation = revocation;
		this.clients = clients;
	}

	@Operation(summary = "Obtain a token pair by proving possession of a registered RSA key, or by token exchange",
			description = "Sign rsa_original_message (any text, at most 4096 characters; 20 random letters will do) "
					+ "with RSASSA-PKCS1-v1_5 and SHA-256 over its UTF-8 bytes, and send the signature as hex. "
					+ "Each (principal, message) pair is accepted once within the replay retention window. "
					+ "With trusted issuers configured (seta.edge.trusted-issuers), a form body instead exchanges "
					+ "an access or ID token of one of them for a pair (RFC 8693), once per token; the principal must "
					+ "be active in the directory.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = { @Content(mediaType = "application/json",
							schema = @Schema(implementation = TokenRequestSchema.class)),
							@Content(mediaType = "application/x-www-form-urlencoded",
									schema = @Schema(implementation = TokenExchangeSchema.class)) }))
	@ApiResponse(responseCode = "200", description = "Token pair",
			content = @Content(schema = @Schema(implementation = TokenResponse.class)))
	@ApiResponse(responseCode = "400", description = "invalid_request: malformed JSON, a field missing, empty or "
			+ "not a string, signature not even-length hex or longer than any accepted key, message over 4096 "
			+ "characters; token exchange: a parameter missing or repeated, an unsupported subject_token_type, or a "
			+ "subject token that is not accepted (invalid, expired, of an issuer not trusted, already exchanged, or "
			+ "of a principal that is not active), all with the same message; unsupported_grant_type: a form "
			+ "whose grant_type is not token exchange",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "401", description = "invalid_grant: unknown or disabled principal, no key, wrong "
			+ "signature or a replayed proof, all with the same answer",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "413", description = "Body over 16 KiB",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "415", description = "Content type other than application/json (none is fine), or "
			+ "application/x-www-form-urlencoded with trusted issuers configured",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "429", description = "Too many failed proofs from this address or for this login; "
			+ "Retry-After says when to try again", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "503", description = "The session store or the user directory is unavailable, or "
			+ "(token exchange) the subject token's issuer has been unreachable longer than its stale limit; "
			+ "Retry-After", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@PostMapping
	Mono<ResponseEntity<TokenResponse>> token(ServerHttpRequest request) {
		if (!this.exchangeGrant.offered()) {
			RequestBodies.requireJsonOrNone(request);
		}
		else {
			MediaType type = RequestBodies.contentType(request, TOKEN_TYPES);
			if (type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
				return RequestBodies.read(request)
					.map(this.parser::exchange)
					.flatMap((exchange) -> this.exchangeGrant.exchange(exchange, this.clients.of(request)))
					.map(TokenEndpoint::noStore)
					.onErrorMap(TokenEndpoint::toRefusal);
			}
			if (type != null && !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
				throw RequestBodies.unsupported(TOKEN_TYPES);
			}
		}
		return RequestBodies.read(request)
			.map(this.parser::parse)
			.flatMap((proof) -> this.proofGrant.grant(proof, this.clients.of(request)))
			.map(TokenEndpoint::noStore)
			.onErrorMap(TokenEndpoint::toRefusal);
	}

	@Operation(summary = "Rotate a refresh token: the presented one is consumed, a new pair returned",
			description = "Presenting a refresh token that was already rotated revokes its whole session.")
	@Parameter(name = "Authorization", in = ParameterIn.HEADER, required = true,
			description = "Bearer <refresh token>", schema = @Schema(type = "string"))
	@ApiResponse(responseCode = "200", description = "New token pair",
			content = @Content(schema = @Schema(implementation = TokenResponse.class)))
	@ApiResponse(responseCode = "401", description = "invalid_request: no or malformed Authorization header; "
			+ "invalid_grant: unknown, expired, revoked or reused refresh token, an access token, or a principal "
			+ "since disabled", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "503", description = "The session store is unavailable; Retry-After",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@PostMapping("/refresh")
	Mono<ResponseEntity<TokenResponse>> refresh(ServerHttpRequest request) {
		String bearer = BearerCredentials.require(request);
		return this.refreshGrant.refresh(bearer, this.clients.of(request))
			.map(TokenEndpoint::noStore)
			.onErrorMap(TokenEndpoint::toRefusal);
	}

	@Operation(summary = "Revoke a refresh token and its session (RFC 7009), i.e. log out",
			description = "The token goes in the body as 'token' (form or JSON) or as Bearer. The answer is 200 "
					+ "whether or not there was such a session.")
	@ApiResponse(responseCode = "200", description = "Revoked, or nothing to revoke")
	@ApiResponse(responseCode = "400", description = "invalid_request: no token given",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "415", description = "Content type other than form, JSON or none",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "503", description = "The session store is unavailable; Retry-After",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@PostMapping("/revoke")
	Mono<ResponseEntity<Void>> revoke(ServerHttpRequest request) {
		MediaType type = RequestBodies.contentType(request, REVOCATION_TYPES);
		boolean form = type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type);
		if (type != null && !form && !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
			throw RequestBodies.unsupported(REVOCATION_TYPES);
		}
		return RequestBodies.read(request)
			.map((body) -> tokenToRevoke(request, body, form))
			.flatMap((token) -> this.revocation.revoke(token, this.clients.of(request)))
			.then(Mono.fromSupplier(() -> ResponseEntity.ok().cacheControl(NO_STORE).<Void>build()))
			.onErrorMap(TokenEndpoint::toRefusal);
	}

	/** Store trouble is the gateway's, not the client's: 503, and the client retries; never a token without it. */
	static Throwable toRefusal(Throwable failure) {
		if (failure instanceof SessionStoreUnavailableException) {
			// the client sees a plain 503; the operator needs to know what the store did
			log.warn("Session store unavailable: {} ({})", failure.getMessage(), rootCause(failure));
			return ApiException.unavailable("The session store is unavailable; retry shortly.", 1);
		}
		if (failure instanceof DirectoryUnavailableException) {
			return ApiException.unavailable("The user directory is unavailable; retry shortly.", 5);
		}
		if (failure instanceof RateLimitedException limited) {
			return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
					"Too many failed attempts; retry later.")
				.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
		}
		return failure;
	}

	private static String rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private static String tokenToRevoke(ServerHttpRequest request, byte[] body, boolean form) {
		String fromBody = null;
		if (body.length > 0) {
			fromBody = form ? formField(body, "token") : jsonToken(body);
		}
		if (fromBody != null) {
			return fromBody;
		}
		return BearerCredentials.find(request)
			.orElseThrow(() -> ApiException.invalidRequest("token is required (form or JSON field, or Bearer)."));
	}

	private static @Nullable String jsonToken(byte[] body) {
		JsonNode root = TokenRequestParser.readObject(body);
		return (root.get("token") == null) ? null : TokenRequestParser.requiredString(root, "token");
	}

	static @Nullable String formField(byte[] body, String name) {
		String text = new String(body, StandardCharsets.US_ASCII);
		for (String pair : text.split("&")) {
			int eq = pair.indexOf('=');
			String key = (eq < 0) ? pair : pair.substring(0, eq);
			if (name.equals(key) && eq >= 0) {
				try {
					String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					return value.isEmpty() ? null : value;
				}
				catch (IllegalArgumentException ex) {
					throw ApiException.invalidRequest("The form body is malformed.");
				}
			}
		}
		return null;
	}

	private static <T> ResponseEntity<T> noStore(T body) {
		return ResponseEntity.ok().cacheControl(NO_STORE).header("Pragma", "no-cache").body(body);
	}

	/** A token exchange (RFC 8693) as a form; documentation only, the endpoint reads the form itself. */
	@Schema(name = "TokenExchangeRequest", requiredProperties = { "grant_type", "subject_token",
			"subject_token_type" })
	record TokenExchangeSchema(
			@Schema(name = "grant_type", allowableValues = TokenExchangeRequest.GRANT_TYPE) String grantType,
			@Schema(name = "subject_token", description = "An access or ID token of a trusted issuer")
			String subjectToken,
			@Schema(name = "subject_token_type", allowableValues = { TokenExchangeRequest.ACCESS_TOKEN_TYPE,
					TokenExchangeRequest.ID_TOKEN_TYPE }) String subjectTokenType,
			@Schema(name = "requested_token_type", allowableValues = TokenExchangeRequest.ACCESS_TOKEN_TYPE,
					description = "Optional") String requestedTokenType) {
	}

	/** The request body as SeTA clients send it; documentation only, the endpoint reads the JSON itself. */
	@Schema(name = "TokenRequest", requiredProperties = { "username", "provider", "rsa_original_message",
			"rsa_message_signature" })
	record TokenRequestSchema(@Schema(example = "demo") String username,
			@Schema(example = "github", description = "Identity provider; 'seta' for applications") String provider,
			@Schema(name = "rsa_original_message", example = "qwhfzkrnbxplmtocseja") String rsaOriginalMessage,
			@Schema(name = "rsa_message_signature", description = "Hex of the PKCS#1 v1.5 SHA-256 signature")
			String rsaMessageSignature) {
	}

}
