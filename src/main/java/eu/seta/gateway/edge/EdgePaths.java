package eu.seta.gateway.edge;

import java.util.List;

/** Which request paths are the gateway's own endpoints, as opposed to the proxied ones. */
public final class EdgePaths {

	/** The gateway's own endpoints, public: they read no bearer token. */
	private static final List<String> OWN_PUBLIC = List.of("/authentication/", "/.well-known/");

	private EdgePaths() {
	}

	/** The gateway's own endpoints, the administrator's included: everything that is not routed to a backend. */
	public static boolean isGatewayOwn(String path) {
		return isOwnPublic(path) || path.startsWith("/actuator");
	}

	static boolean isOwnPublic(String path) {
		for (String prefix : OWN_PUBLIC) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
