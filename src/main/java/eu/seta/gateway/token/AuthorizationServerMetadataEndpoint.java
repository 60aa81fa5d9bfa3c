package eu.seta.gateway.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.keys.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** RFC 8414 metadata, so that standard OAuth tooling finds the token, revocation and key endpoints. */
@RestController
@Tag(name = "Keys")
class AuthorizationServerMetadataEndpoint {

	private final TokenIssuer issuer;

	private final SigningKeys keys;

	private final List<String> grantTypes;

	AuthorizationServerMetadataEndpoint(TokenIssuer issuer, SigningKeys keys, TokenExchangeGrant exchange) {
		this.issuer = issuer;
		this.keys = keys;
		this.grantTypes = exchange.offered() ? List.of("refresh_token", TokenExchangeRequest.GRANT_TYPE)
				: List.of("refresh_token");
	}

	@Operation(summary = "OAuth 2.0 authorization server metadata (RFC 8414)")
	@GetMapping("/.well-known/oauth-authorization-server")
	ResponseEntity<Map<String, Object>> metadata() {
		String issuer = this.issuer.id();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer);
		metadata.put("token_endpoint", issuer + "/authentication/v1/token");
		metadata.put("revocation_endpoint", issuer + "/authentication/v1/token/revoke");
		metadata.put("introspection_endpoint", issuer + "/authentication/v1/introspect");
		metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
		metadata.put("grant_types_supported", this.grantTypes);
		metadata.put("response_types_supported", List.of());
		metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
		metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
		// RFC 7662 leaves the caller's authentication open: here it is the caller's own access token
		metadata.put("introspection_endpoint_auth_methods_supported", List.of("bearer"));
		metadata.put("service_documentation", issuer + "/authentication/v1/doc");
		metadata.put("access_token_signing_alg_values_supported",
				this.keys.current().algorithms().stream().map(Object::toString).sorted().toList());
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(metadata);
	}

}
