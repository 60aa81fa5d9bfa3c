package eu.seta.gateway.edge;

import eu.seta.gateway.errors.TestErrorResponses;
import org.springframework.web.server.ServerWebExchange;

/** The edge's pieces that filters of other packages rely on, outside a Spring context. */
public final class TestEdge {

	private TestEdge() {
	}

	public static EdgeChallenges challenges() {
		return new EdgeChallenges(TestErrorResponses.create());
	}

	/** What the edge does for a call whose bearer token it verified. */
	public static void verified(ServerWebExchange exchange, Caller caller) {
		Caller.remember(exchange, caller);
	}

}
