package eu.seta.gateway.edge;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, for rate limits and audit lines: the TCP peer, unless the peer is a trusted
 * proxy; then the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. Entries left
 * of that one are whatever the client wrote, so a client cannot pick its own address by sending the header.
 */
@Component
public class ClientAddresses {

	private final TrustedProxies trustedProxies;

	ClientAddresses(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public String of(ServerHttpRequest request) {
		InetSocketAddress peer = request.getRemoteAddress();
		String peerAddress = (peer == null || peer.getAddress() == null) ? "unknown"
				: peer.getAddress().getHostAddress();
		if (!this.trustedProxies.isTrusted(peer)) {
			return peerAddress;
		}
		List<String> hops = new ArrayList<>();
		for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
			for (String hop : header.split(",")) {
				hops.add(hop.strip());
			}
		}
		String client = peerAddress;
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!TrustedProxies.isIpLiteral(hop)) {
				// a malformed hop was written by someone untrusted: stop at the last address we can vouch for
				return client;
			}
			client = hop;
			if (!this.trustedProxies.isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

}
