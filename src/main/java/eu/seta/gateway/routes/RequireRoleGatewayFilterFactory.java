package eu.seta.gateway.routes;

import java.util.Set;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.EdgeChallenges;
import org.springframework.stereotype.Component;

/** {@code RequireRole=Administrator}: only callers with one of these roles pass. */
@Component
class RequireRoleGatewayFilterFactory extends CallerRequirementGatewayFilterFactory {

	RequireRoleGatewayFilterFactory(EdgeChallenges challenges) {
		super(challenges);
	}

	@Override
	String valueOf(Caller caller) {
		return caller.role();
	}

	@Override
	String describe(Set<String> allowed) {
		return "This route requires the role " + String.join(" or ", allowed.stream().sorted().toList()) + ".";
	}

}
