package eu.seta.gateway.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may hold a connection without making progress. The wait for the next request on an idle
 * keep-alive connection is Spring Boot's own {@code server.netty.idle-timeout}; this is the one Boot has no setting
 * for.
 * <p>
 * There is no timeout between the reads of a body: Reactor Netty's {@code readTimeout} would be one, but it fired
 * during a body that came every 100 ms after {@code Expect: 100-continue} (which curl sends for any upload over
 * 1 MB), so it would cut off ordinary uploads. See docs/edge.md.
 *
 * @param headerTimeout longest time from the first byte of a request to the end of its headers; a client that
 * trickles its headers (slowloris) is disconnected after it, however often it sends a byte. Reactor Netty's idle
 * timeout cannot do this: every byte read restarts it
 * @param refuseTokensBeforeExchange whether a bearer token the edge refuses is answered as Netty reads the request
 * head, before an exchange is made of it (the same answer, at a fraction of the cost); off only to compare. Off
 * by itself while the access log or tracing is on, which write what they write on the exchange path
 * @param transport {@code auto}: io_uring where the kernel and the container allow it, else epoll (Reactor Netty's
 * choice); {@code epoll}: epoll even where io_uring would run. For the public port and the calls to backends; the
 * management port keeps Reactor Netty's choice
 */
@ConfigurationProperties(ConnectionProperties.PREFIX)
public record ConnectionProperties(@DefaultValue("20s") Duration headerTimeout,
		@DefaultValue("true") boolean refuseTokensBeforeExchange, @DefaultValue("auto") EdgeTransport.Choice transport) {

	public static final String PREFIX = "seta.edge.connection";

	public ConnectionProperties {
		requireBetween("header-timeout", headerTimeout);
	}

	private static void requireBetween(String name, Duration value) {
		if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException(PREFIX + "." + name + " must be more than 0 and at most 5m, not " + value);
		}
	}

}
