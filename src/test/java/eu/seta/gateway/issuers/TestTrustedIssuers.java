package eu.seta.gateway.issuers;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import eu.seta.gateway.directory.PrincipalDirectory;
import reactor.core.publisher.Mono;

/** Trusted issuers built by hand, for tests and benchmarks of the edge that need some configured but fetch nothing. */
public final class TestTrustedIssuers {

	private TestTrustedIssuers() {
	}

	/** One issuer at an address nothing listens on: configured, never reached unless a token names it. */
	public static TrustedIssuers unreachable(Clock clock) {
		TrustedIssuersProperties.Issuer settings = new TrustedIssuersProperties.Issuer(
				URI.create("http://127.0.0.1:9/unreachable"), null, List.of("seta-console"), List.of("RS256"), "ecas",
				"preferred_username", null, Map.of(), "User", false, Duration.ofMinutes(5), Duration.ofHours(1));
		IssuerKeys keys = new IssuerKeys(settings.id(), null, new DefaultResourceRetriever(100, 100), clock,
				settings.staleLimit());
		PrincipalDirectory none = new PrincipalDirectory() {

			@Override
			public Mono<eu.seta.gateway.directory.Principal> findByLogin(eu.seta.gateway.directory.LoginName login) {
				return Mono.empty();
			}

			@Override
			public Mono<eu.seta.gateway.directory.Principal> findById(String id) {
				return Mono.empty();
			}

		};
		return new TrustedIssuers(Map.of(settings.id(), new TrustedIssuer(settings, keys, clock, Duration.ofSeconds(30))),
				none, (principalId) -> {
				});
	}

}
