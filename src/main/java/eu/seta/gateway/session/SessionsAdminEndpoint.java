package eu.seta.gateway.session;

import java.util.Map;

import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.ClientAddresses;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.revocation.Revocations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets an administrator end every session of a principal, e.g. after a key leaked. Only access tokens whose
 * {@code role} is {@code Administrator} get here (the edge refuses everyone else: {@code EdgeWebFilter}).
 */
@RestController
@Tag(name = "Sessions")
class SessionsAdminEndpoint {

	private final SessionStore store;

	private final AuditLog audit;

	private final ClientAddresses clients;

	private final Revocations revocations;

	SessionsAdminEndpoint(SessionStore store, AuditLog audit, ClientAddresses clients, Revocations revocations) {
		this.store = store;
		this.revocations = revocations;
		this.audit = audit;
		this.clients = clients;
	}

	@Operation(summary = "Revoke every session of a principal (administrators only)",
			description = "Ends every refresh session of the principal and every access token of it issued until "
					+ "now, with or without a session, on every replica.",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{\"principal\": id, \"revoked\": number of sessions}")
	@ApiResponse(responseCode = "400", description = "invalid_request: no principal given")
	@ApiResponse(responseCode = "401", description = "invalid_token: no or no valid access token")
	@ApiResponse(responseCode = "403", description = "insufficient_scope: the caller is no Administrator")
	@ApiResponse(responseCode = "503", description = "The session store is unavailable; Retry-After")
	@DeleteMapping("/authentication/v1/sessions")
	Mono<ResponseEntity<Map<String, Object>>> revokeAll(
			@Parameter(description = "the principal id") @RequestParam(name = "principal", required = false) String principal,
			ServerWebExchange exchange) {
		if (principal == null || principal.isBlank()) {
			throw ApiException.invalidRequest("principal is required.");
		}
		Caller caller = Caller.find(exchange);
		String admin = (caller != null) ? caller.userId() : "unknown";
		// every access token of the principal issued until now stops working too, with or without a session
		return this.store.revokeAll(principal)
			.flatMap((revoked) -> this.revocations.revokePrincipal(principal).thenReturn(revoked))
			.doOnNext((revoked) -> this.audit.event(AuditEvent.SESSIONS_REVOKED_BY_ADMIN)
				.principal(principal)
				.actor(admin)
				.client(this.clients.of(exchange.getRequest()))
				.count(revoked)
				.record())
			.map((revoked) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(Map.<String, Object>of("principal", principal, "revoked", revoked)))
			.onErrorMap(SessionStoreUnavailableException.class,
					(failure) -> ApiException.unavailable("The session store is unavailable; retry shortly.", 1));
	}

}
