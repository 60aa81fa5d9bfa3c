package eu.seta.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.session.SessionStore;
import eu.seta.gateway.support.Caches;
import eu.seta.gateway.support.ClockTicker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Notices principals that lost the right to tokens in the directory (disabled, removed, or left without keys) while
 * tokens of theirs may still be valid, and revokes them: their sessions and every access token issued to them. It
 * watches the principals this replica issued access tokens to within one token lifetime, asking the directory
 * about each every {@code directory-check-interval}; the directory answers from its own state (the file as last
 * reloaded, the user service's cached answers), so a change is seen within the directory's own refresh time plus
 * that interval. Whichever replica notices first revokes on all of them.
 * <p>
 * A principal of a provider a trusted external issuer maps to keeps its tokens without keys: it gets them from
 * that issuer (token exchange, or the issuer's own tokens at the edge), not by proving a key, so having none
 * takes nothing from it. Disabled or removed, it loses them like anyone.
 */
final class DirectoryWatch implements TokenRecipients {

	private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);

	private final PrincipalDirectory directory;

	private final SessionStore store;

	private final Revocations revocations;

	private final AuditLog audit;

	/** Principal ids with access tokens from this replica that may still be valid. */
	private final Cache<String, Boolean> watched;

	/** Providers of trusted external issuers, lowercased as logins are. */
	private final Set<String> keylessProviders;

	DirectoryWatch(PrincipalDirectory directory, SessionStore store, Revocations revocations, AuditLog audit,
			Clock clock, Duration tokenLifetime, long maxPrincipals, Set<String> keylessProviders) {
		this.keylessProviders = Set.copyOf(keylessProviders);
		this.directory = directory;
		this.store = store;
		this.revocations = revocations;
		this.audit = audit;
		this.watched = Caches.newBuilder()
			.maximumSize(maxPrincipals)
			.ticker(ClockTicker.of(clock))
			.expireAfterWrite(tokenLifetime)
			.build();
	}

	/** An access token was issued to this principal: watch it for as long as the token lives. */
	@Override
	public void issuedTo(String principalId) {
		this.watched.put(principalId, Boolean.TRUE);
	}

	/** One pass over the watched principals, one at a time; a directory that cannot answer is asked next time. */
	Mono<Void> check() {
		List<String> ids = List.copyOf(this.watched.asMap().keySet());
		return Flux.fromIterable(ids).concatMap(this::check).then();
	}

	private Mono<Void> check(String principalId) {
		return this.directory.findById(principalId)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				String cause = withdrawal(found.orElse(null), this.keylessProviders);
				return (cause != null) ? revoke(principalId, cause) : Mono.<Void>empty();
			})
			.onErrorResume((failure) -> {
				log.debug("Directory check of a principal postponed: {}", failure.toString());
				return Mono.empty();
			});
	}

	private Mono<Void> revoke(String principalId, String cause) {
		return this.store.revokeAll(principalId)
			.flatMap((sessions) -> this.revocations.revokePrincipal(principalId).thenReturn(sessions))
			.doOnNext((sessions) -> {
				this.watched.invalidate(principalId);
				this.audit.event(AuditEvent.PRINCIPAL_WITHDRAWN)
					.principal(principalId)
					.reason(cause)
					.count(sessions)
					.record();
			})
			.then();
	}

	/** Why the principal may have no tokens any more, or null when it still may. */
	static @Nullable String withdrawal(@Nullable Principal principal, Set<String> keylessProviders) {
		if (principal == null) {
			return "principal_removed";
		}
		if (!principal.isActive()) {
			return "principal_disabled";
		}
		if (principal.publicKeys().isEmpty() && !keylessProviders.contains(principal.login().provider())) {
			return "principal_keyless";
		}
		return null;
	}

}
