package eu.seta.gateway.quota;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.ClientAddresses;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose quota a call spends: the verified principal's ({@code p:<id>}), or on a public route called without a token
 * the client address's ({@code a:<address>}, as the failed-login limits see it: a client cannot choose it by sending
 * {@code X-Forwarded-For}). An application spends its own quota, not its owner's.
 */
final class CallerKeyResolver implements KeyResolver {

	private final ClientAddresses clients;

	CallerKeyResolver(ClientAddresses clients) {
		this.clients = clients;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return Mono.just(key(exchange));
	}

	String key(ServerWebExchange exchange) {
		Caller caller = Caller.find(exchange);
		return (caller != null) ? "p:" + caller.userId() : "a:" + this.clients.of(exchange.getRequest());
	}

}
