package eu.seta.gateway.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.EdgeChallenges;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/**
 * A route requirement on the verified caller, e.g. {@code RequireRole=Administrator}: a caller without it gets
 * 403 {@code insufficient_scope}, a call without a caller 401. The allowed values are one or more, comma-separated.
 */
abstract class CallerRequirementGatewayFilterFactory
		extends AbstractGatewayFilterFactory<CallerRequirementGatewayFilterFactory.Config> {

	private final EdgeChallenges challenges;

	CallerRequirementGatewayFilterFactory(EdgeChallenges challenges) {
		super(Config.class);
		this.challenges = challenges;
	}

	/** What of the caller is checked, and how the refusal names it. */
	abstract String valueOf(Caller caller);

	abstract String describe(Set<String> allowed);

	public static class Config {

		private List<String> values = new ArrayList<>();

		public List<String> getValues() {
			return this.values;
		}

		public void setValues(List<String> values) {
			this.values = values;
		}

	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("values");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public GatewayFilter apply(Config config) {
		Set<String> allowed = Set.copyOf(config.getValues());
		if (allowed.isEmpty()) {
			throw new IllegalArgumentException(name() + " needs at least one value, e.g. " + name() + "=...");
		}
		String refusal = describe(allowed);
		return (exchange, chain) -> {
			Caller caller = Caller.find(exchange);
			if (caller == null) {
				return this.challenges.missingToken(exchange);
			}
			return allowed.contains(valueOf(caller)) ? chain.filter(exchange)
					: this.challenges.insufficientScope(exchange, refusal);
		};
	}

}
