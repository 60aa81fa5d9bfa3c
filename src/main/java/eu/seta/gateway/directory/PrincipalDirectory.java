package eu.seta.gateway.directory;

import reactor.core.publisher.Mono;

/**
 * Who may log in, with which keys. Implementations answer from a file or from the platform's user service; an
 * empty {@link Mono} means "no such principal", an error means the directory could not answer.
 */
public interface PrincipalDirectory {

	Mono<Principal> findByLogin(LoginName login);

	/** For the refresh-time check that the principal still exists and is active. */
	Mono<Principal> findById(String id);

}
