package eu.seta.gateway.token;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.edge.AccessTokens;
import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.session.RefreshTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /authentication/v1/introspect} (RFC 7662), for backends that want the gateway's word on a token
 * (SeTA's backends asked {@code /authorization/v1/token_info}). Only applications and administrators get here
 * ({@code EdgeWebFilter}). The token in question is data, not a credential: anything that is not a currently valid
 * token of this gateway (unknown, expired, revoked, malformed, too long) is {@code {"active": false}} with 200, so
 * the answer says nothing about why. Access tokens are checked exactly as the edge checks them, revocations
 * included; refresh tokens by their session in the store.
 */
@RestController
@Tag(name = "Tokens")
class IntrospectionEndpoint {

	private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

	private static final Map<String, Object> INACTIVE = Map.of("active", false);

	/** Only what RFC 7662 and SeTA's backends read; {@code fresh}, {@code nbf}, {@code jti} and the rest stay out. */
	private static final List<String> ACCESS_CLAIMS = List.of("sub", "client_id", "sid", "exp", "iat", "iss", "aud",
			"role", "user_type", "seta_id", "owner");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AccessTokens accessTokens;

	private final RefreshIntrospection refreshTokens;

	IntrospectionEndpoint(AccessTokens accessTokens, RefreshIntrospection refreshTokens) {
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
	}

	@Operation(summary = "Introspect a token (RFC 7662): is it currently valid, and for whom",
			description = "Form field 'token': an access or a refresh token. The caller presents its own access "
					+ "token as Bearer: an application's (user_type application) or an Administrator's. Anything "
					+ "that is not a currently valid token (unknown, expired, revoked, malformed) is "
					+ "{\"active\": false}, never an error.",
			security = @SecurityRequirement(name = "bearer"),
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = FORM, schema = @Schema(implementation = IntrospectionRequest.class))))
	@ApiResponse(responseCode = "200", description = "{\"active\": false}, or active with sub, client_id, sid, exp, "
			+ "iat, iss, aud, token_type and the SeTA claims role, user_type, seta_id (owner for applications)",
			content = @Content(schema = @Schema(implementation = IntrospectionResponse.class)))
	@ApiResponse(responseCode = "400", description = "invalid_request: no token field",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "401", description = "invalid_token: the caller presented no or no valid access token",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "403", description = "insufficient_scope: the caller is neither an application nor "
			+ "an Administrator", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@ApiResponse(responseCode = "415", description = "Content type other than application/x-www-form-urlencoded",
			content = @Content(schema = @Schema(implementation = ErrorBody.class)))
	@PostMapping("/authentication/v1/introspect")
	Mono<ResponseEntity<Map<String, Object>>> introspect(ServerHttpRequest request) {
		MediaType type = RequestBodies.contentType(request, FORM);
		if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
			throw RequestBodies.unsupported(FORM);
		}
		return RequestBodies.read(request)
			.map((body) -> {
				String token = TokenEndpoint.formField(body, "token");
				if (token == null) {
					throw ApiException.invalidRequest("token is required (form field).");
				}
				return token;
			})
			.flatMap(this::answer)
			.onErrorMap(TokenEndpoint::toRefusal)
			.map((answer) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.header("Pragma", "no-cache")
				.body(answer));
	}

	private Mono<Map<String, Object>> answer(String token) {
		if (token.startsWith(RefreshTokens.PREFIX)) {
			return this.refreshTokens.introspect(token).defaultIfEmpty(INACTIVE);
		}
		Caller caller = this.accessTokens.valid(token);
		return Mono.just((caller != null) ? active(token) : INACTIVE);
	}

	/** The claims of a token the edge has just verified: reading its payload now is safe. */
	private static Map<String, Object> active(String token) {
		int first = token.indexOf('.');
		String payload = token.substring(first + 1, token.indexOf('.', first + 1));
		Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("active", true);
		for (String name : ACCESS_CLAIMS) {
			Object value = claims.get(name);
			if (value != null) {
				answer.put(name, value);
			}
		}
		answer.put("token_type", "Bearer");
		return answer;
	}

	/** Documentation only. */
	@Schema(name = "IntrospectionRequest", requiredProperties = "token")
	record IntrospectionRequest(@Schema(description = "the access or refresh token in question") String token,
			@Schema(name = "token_type_hint", description = "ignored: the gateway tells its tokens apart itself")
			String tokenTypeHint) {
	}

	/** Documentation only: the fields of an active answer. */
	@Schema(name = "IntrospectionResponse", requiredProperties = "active")
	record IntrospectionResponse(boolean active, String sub,
			@Schema(name = "client_id") String clientId, @Schema(description = "the refresh session") String sid,
			long exp, long iat, String iss, @Schema(description = "a string, or an array when there are several") Object aud,
			@Schema(name = "token_type", description = "Bearer for access tokens, refresh_token for refresh tokens")
			String tokenType,
			String role, @Schema(name = "user_type") String userType,
			@Schema(name = "seta_id") Map<String, String> setaId) {
	}

}
