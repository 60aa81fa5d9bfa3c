package eu.seta.gateway.edge;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The refusals of a call, as RFC 6750 section 3 wants them ({@code WWW-Authenticate: Bearer} with an error code)
 * and with the gateway's JSON body. Descriptions are the gateway's own texts, never a library's.
 */
@Component
public class EdgeChallenges {

	static final String NO_TOKEN = "A valid access token is required.";

	private final ErrorResponses responses;

	EdgeChallenges(ErrorResponses responses) {
		this.responses = responses;
	}

	/** No credentials at all: RFC 6750 section 3.1 says the challenge carries no error code then. */
	public Mono<Void> missingToken(ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"seta\"");
		return this.responses.write(exchange, HttpStatus.UNAUTHORIZED, new ErrorBody(ErrorCodes.INVALID_TOKEN, NO_TOKEN),
				headers);
	}

	public Mono<Void> insufficientScope(ServerWebExchange exchange, String description) {
		return challenge(exchange, HttpStatus.FORBIDDEN, ErrorCodes.INSUFFICIENT_SCOPE, description);
	}

	/** A token that cannot be judged now (its issuer unreachable too long): the caller retries, no challenge. */
	Mono<Void> unavailable(ServerWebExchange exchange, String description) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return this.responses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				new ErrorBody(ErrorCodes.TEMPORARILY_UNAVAILABLE, description), headers);
	}

	Mono<Void> refuse(ServerWebExchange exchange, BearerRefusal refusal) {
		return challenge(exchange, refusal.status(), refusal.errorCode(), refusal.getMessage());
	}

	private Mono<Void> challenge(ServerWebExchange exchange, HttpStatus status, String code, String description) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge(code, description));
		return this.responses.write(exchange, status, new ErrorBody(code, description), headers);
	}

	/** The value of {@code WWW-Authenticate} for a refusal with an error code. */
	static String challenge(String code, String description) {
		// descriptions are our own fixed texts: no quote or backslash can break the header
		return "Bearer realm=\"seta\", error=\"" + code + "\", error_description=\"" + description + "\"";
	}

}
