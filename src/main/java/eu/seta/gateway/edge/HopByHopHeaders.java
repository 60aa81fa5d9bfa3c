package eu.seta.gateway.edge;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * The headers that describe one connection and must not travel past it (RFC 9110 section 7.6.1): the list of
 * Spring Cloud Gateway's {@code RemoveHopByHopHeadersFilter} and the old {@code Proxy-Connection}, plus whatever the
 * message's own {@code Connection} header names. The edge removes them inside its one pass over each message's headers instead of letting that
 * filter copy every header of every request and response once more.
 */
final class HopByHopHeaders {

	private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
			"proxy-authorization", "proxy-authenticate", "x-application-context", "upgrade", "proxy-connection");

	private HopByHopHeaders() {
	}

	/** Removes them from headers that may be changed, in place. */
	static void remove(HttpHeaders headers) {
		List<String> options = headers.getConnection();
		for (String option : options) {
			headers.remove(option);
		}
		for (String name : ALWAYS) {
			headers.remove(name);
		}
	}


}
