package eu.seta.gateway.edge;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.issuers.TestTrustedIssuers;
import eu.seta.gateway.keys.KeySet;
import eu.seta.gateway.keys.SigningKey;
import eu.seta.gateway.revocation.RevocationList;
import eu.seta.gateway.testing.TestJwts;
import eu.seta.gateway.testing.TestSigningKeys;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the bearer decision costs an own token, with no trusted issuer configured and with one: a reused (cached)
 * token, and a new one every call (header from the header cache, signature, claims). Run with {@code -prof gc}: the
 * bytes allocated per call ({@code gc.alloc.rate.norm}) do not depend on the machine's load, and must be the same
 * with and without an issuer (docs/PERFORMANCE.md). Not a test, and not part of bench/run.sh's default set:
 * {@code java -cp ... org.openjdk.jmh.Main EdgeDecoderBenchmarks -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EdgeDecoderBenchmarks {

	@Param({ "none", "one" })
	public String trustedIssuers;

	/** Remembers the reused token, as the gateway's cache does. */
	private AccessTokenDecoder caching;

	/** A cache of one entry and far more distinct tokens: every call a miss, header cache aside. */
	private AccessTokenDecoder missing;

	private String cached;

	private String[] fresh;

	private int next;

	@Setup
	public void setUp() {
		Clock clock = Clock.systemUTC();
		this.caching = decoder(clock, 10_000);
		this.missing = decoder(clock, 1);
		Instant now = clock.instant();
		this.cached = TestJwts.gatewaySigned(TestJwts.claims(now));
		this.fresh = new String[512];
		for (int i = 0; i < this.fresh.length; i++) {
			this.fresh[i] = TestJwts.gatewaySigned(TestJwts.claims(now.plusMillis(i)));
		}
	}

	@Benchmark
	public Caller reusedOwnToken() {
		return this.caching.verify(this.cached);
	}

	@Benchmark
	public Caller newOwnToken() {
		this.next = (this.next + 1) % this.fresh.length;
		return this.missing.verify(this.fresh[this.next]);
	}

	private AccessTokenDecoder decoder(Clock clock, long cacheSize) {
		TokenProperties tokens = new TokenProperties(URI.create("http://localhost:8080"), List.of("seta-api"),
				Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30), Duration.ZERO, Duration.ofHours(24));
		EdgeProperties edge = new EdgeProperties("X-Seta-", List.of(), Duration.ofSeconds(30), 4096, 16384, cacheSize,
				new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30));
		KeySet keySet = keySet(TestSigningKeys.KEY);
		RevocationList revocations = new RevocationList(Duration.ofMinutes(61).toMillis(), 1000);
		return "none".equals(this.trustedIssuers)
				? new AccessTokenDecoder(() -> keySet, TokenIssuer.of(tokens), tokens, edge, clock,
						new SimpleMeterRegistry(), revocations)
				: new AccessTokenDecoder(() -> keySet, TokenIssuer.of(tokens), tokens, edge, clock,
						new SimpleMeterRegistry(), revocations, TestTrustedIssuers.unreachable(clock));
	}

	private static KeySet keySet(com.nimbusds.jose.jwk.RSAKey key) {
		try {
			return KeySet.of(new SigningKey(key.getKeyID(), com.nimbusds.jose.JWSAlgorithm.RS256, key,
					new com.nimbusds.jose.crypto.RSASSASigner(key)), List.of(key.toPublicJWK()),
					CryptoProvider.select(CryptoProperties.Choice.JDK));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
