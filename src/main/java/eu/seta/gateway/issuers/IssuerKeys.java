package eu.seta.gateway.issuers;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One issuer's public keys, as last fetched: from its {@code jwks_uri}, found once through its discovery document
 * unless configured. Fetching blocks (nimbus' {@link URLBasedJWKSetSource} over {@link ResourceRetriever}), so it
 * runs only at start-up, in the background refresh and on a bounded-elastic thread for a token that needs it, never
 * on an event loop; verification reads the last {@link Snapshot} and blocks on nothing.
 * <p>
 * A token whose key is not among the last ones may ask for a refetch, which happens at most once per
 * {@link #REFETCH_INTERVAL} by the injected clock (nimbus' {@code RateLimitedJWKSetSource} lets two through per
 * interval, the contract says one). Tokens that ask meanwhile wait for that one refetch rather than start their own.
 * Keys older than the stale limit are not used: the issuer has been unreachable too long to say whether they
 * still hold.
 */
final class IssuerKeys {

	private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

	static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Keys as fetched at {@code fetchedAtMillis}; {@code generation} moves only when their content changed, so that
	 * a token verified with an unchanged set stays verified across refreshes.
	 */
	record Snapshot(JWKSet keys, long generation, long fetchedAtMillis) {
	}

	private final String issuer;

	private final @Nullable URL configuredJwksUri;

	private final ResourceRetriever retriever;

	private final Clock clock;

	private final long staleLimitMillis;

	private volatile @Nullable URL discoveredJwksUri;

	private volatile @Nullable Snapshot current;

	private final AtomicLong nextRefetchAt = new AtomicLong(Long.MIN_VALUE);

	private volatile Mono<Void> lastRefetch = Mono.empty();

	IssuerKeys(String issuer, @Nullable URI jwksUri, ResourceRetriever retriever, Clock clock, Duration staleLimit) {
		this.issuer = issuer;
		this.configuredJwksUri = (jwksUri != null) ? url(jwksUri.toString()) : null;
		this.retriever = retriever;
		this.clock = clock;
		this.staleLimitMillis = staleLimit.toMillis();
	}

	/** The last keys fetched, or null before the first fetch succeeded. */
	@Nullable Snapshot current() {
		return this.current;
	}

	/** Whether these keys are still to be used: fetched within the stale limit. */
	boolean isFresh(@Nullable Snapshot snapshot, long nowMillis) {
		return snapshot != null && nowMillis - snapshot.fetchedAtMillis() <= this.staleLimitMillis;
	}

	/**
	 * Fetches the keys now, on the calling thread, which may block: start-up and the background refresh only.
	 *
	 * @return whether it succeeded; a failure keeps the last keys and is logged
	 */
	boolean fetch() {
		try {
			URL jwksUri = jwksUri();
			JWKSet fetched = new URLBasedJWKSetSource<SecurityContext>(jwksUri, this.retriever)
				.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), this.clock.millis(), null)
				.toPublicJWKSet();
			long now = this.clock.millis();
			Snapshot previous = this.current;
			boolean same = previous != null && previous.keys().toJSONObject().equals(fetched.toJSONObject());
			long generation = (previous == null) ? 0 : (same ? previous.generation() : previous.generation() + 1);
			this.current = new Snapshot(same ? previous.keys() : fetched, generation, now);
			if (!same) {
				log.info("Keys of trusted issuer {}: {} key(s) from {}", this.issuer, fetched.size(), jwksUri);
			}
			return true;
		}
		catch (KeySourceException | IOException | ParseException | RuntimeException ex) {
			log.warn("Cannot fetch the keys of trusted issuer {} ({}); its tokens are verified with the last keys "
					+ "until they are older than the stale limit", this.issuer, ex.toString());
			return false;
		}
	}

	/**
	 * The refetch a token that did not verify with the current keys may wait for: a new one, on a bounded-elastic
	 * thread, when the last started at least {@link #REFETCH_INTERVAL} ago; else the last one (finished or not).
	 */
	Mono<Void> refetch() {
		long now = this.clock.millis();
		long next = this.nextRefetchAt.get();
		if (now >= next && this.nextRefetchAt.compareAndSet(next, now + REFETCH_INTERVAL.toMillis())) {
			Mono<Void> refetch = Mono.fromRunnable(this::fetch).subscribeOn(Schedulers.boundedElastic()).then().cache();
			this.lastRefetch = refetch;
			return refetch;
		}
		return this.lastRefetch;
	}

	private URL jwksUri() throws IOException, ParseException {
		URL configured = this.configuredJwksUri;
		if (configured != null) {
			return configured;
		}
		URL discovered = this.discoveredJwksUri;
		if (discovered == null) {
			discovered = discover();
			this.discoveredJwksUri = discovered;
		}
		return discovered;
	}

	/** OpenID Connect Discovery 1.0, section 4: the document must name this very issuer. */
	private URL discover() throws IOException, ParseException {
		String base = this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer;
		URL location = url(base + "/.well-known/openid-configuration");
		Map<String, Object> metadata = JSONObjectUtils.parse(this.retriever.retrieveResource(location).getContent());
		if (!this.issuer.equals(metadata.get("issuer"))) {
			throw new IOException("the discovery document at " + location + " names another issuer: "
					+ metadata.get("issuer"));
		}
		if (!(metadata.get("jwks_uri") instanceof String jwksUri)) {
			throw new IOException("the discovery document at " + location + " has no jwks_uri");
		}
		return url(jwksUri);
	}

	private static URL url(String text) {
		try {
			URL url = URI.create(text).toURL();
			if (!"https".equals(url.getProtocol()) && !"http".equals(url.getProtocol())) {
				throw new IllegalArgumentException("not an http or https URL: " + text);
			}
			return url;
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("not a URL: " + text, ex);
		}
	}

}
