package eu.seta.gateway.issuers;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.edge.EdgeProperties;
import eu.seta.gateway.revocation.TokenRecipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class TrustedIssuersConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TrustedIssuersConfiguration.class);

	/** Timeouts and a size bound for key and discovery documents: an issuer's answer is small and quick. */
	static final int CONNECT_TIMEOUT_MS = 2_000;

	static final int READ_TIMEOUT_MS = 5_000;

	static final int MAX_DOCUMENT_BYTES = 256 * 1024;

	@Bean
	TrustedIssuers trustedIssuers(TrustedIssuersProperties properties, EdgeProperties edge, Clock clock,
			PrincipalDirectory directory, TokenRecipients recipients) {
		// a fetch every few minutes has no use for a connection kept alive in between
		ResourceRetriever retriever = new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS,
				MAX_DOCUMENT_BYTES, true);
		Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
		for (TrustedIssuersProperties.Issuer settings : properties.trustedIssuers()) {
			if ("http".equals(settings.issuer().getScheme())) {
				log.warn("Trusted issuer {} is reached over plain http: whoever can change its answers on the way can "
						+ "make the gateway accept any token of that issuer. Use https outside a developer's machine.",
						settings.id());
			}
			IssuerKeys keys = new IssuerKeys(settings.id(), settings.jwksUri(), retriever, clock,
					settings.staleLimit());
			issuers.put(settings.id(), new TrustedIssuer(settings, keys, clock, edge.clockSkew()));
		}
		return new TrustedIssuers(issuers, directory, recipients);
	}

	/**
	 * Keys are fetched once at start-up, on the starting thread, so that the first tokens find them; an issuer that
	 * cannot be reached then does not stop the gateway (its own tokens work regardless): its tokens get 503 until
	 * its keys are fetched, by the background refresh or a token's refetch.
	 */
	@Bean
	SmartInitializingSingleton trustedIssuerKeysAtStart(TrustedIssuers issuers) {
		return () -> issuers.all().forEach((issuer) -> issuer.keys().fetch());
	}

	/** Each issuer on its own interval, on bounded-elastic threads (fetching blocks), one fetch at a time. */
	@Bean(destroyMethod = "dispose")
	Disposable trustedIssuerKeyRefresh(TrustedIssuers issuers) {
		Disposable.Composite refreshes = Disposables.composite();
		for (TrustedIssuer issuer : issuers.all()) {
			Duration interval = issuer.settings().refreshInterval();
			refreshes.add(Flux.interval(interval, interval, Schedulers.boundedElastic())
				.onBackpressureDrop()
				.concatMap((tick) -> Mono.fromRunnable(issuer.keys()::fetch), 1)
				.subscribe());
		}
		return refreshes;
	}

}
