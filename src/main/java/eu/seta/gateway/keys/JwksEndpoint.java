package eu.seta.gateway.keys;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public keys, so that anyone can verify the gateway's tokens without a shared secret. */
@RestController
@Tag(name = "Keys")
class JwksEndpoint {

	static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

	/** Short enough that a newly published key reaches verifiers long before it signs anything. */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private final SigningKeys keys;

	JwksEndpoint(SigningKeys keys) {
		this.keys = keys;
	}

	@Operation(summary = "The public keys that verify access tokens (RFC 7517 JWK set)")
	@GetMapping(path = { "/authentication/v1/jwks", "/.well-known/jwks.json" })
	ResponseEntity<String> jwks() {
		return ResponseEntity.ok().cacheControl(CACHE).contentType(JWK_SET).body(this.keys.current().jwksJson());
	}

}
