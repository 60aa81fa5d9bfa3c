package eu.seta.gateway.session;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Runs the store's writing scripts. Either on the connection every command shares, answered as soon as the master
 * has run the script, or, with {@code seta.store.redis.wait-replicas} of 1 or more, on a connection of its own
 * followed by {@code WAIT} ({@link AcknowledgedScripts}): answered only once that many replicas hold the write.
 * Callers bound the returned {@link Mono} by the command timeout and treat any failure as "store unavailable".
 */
public interface StoreScripts {

	/** Emits the script's reply; nothing for a nil reply. */
	<T> Mono<T> run(LuaScript<T> script, List<String> keys, List<String> args);

}
