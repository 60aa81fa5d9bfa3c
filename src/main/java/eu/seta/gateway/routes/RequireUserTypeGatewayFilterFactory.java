package eu.seta.gateway.routes;

import java.util.Set;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.EdgeChallenges;
import org.springframework.stereotype.Component;

/** {@code RequireUserType=user}: only callers of this type (user or application) pass. */
@Component
class RequireUserTypeGatewayFilterFactory extends CallerRequirementGatewayFilterFactory {

	RequireUserTypeGatewayFilterFactory(EdgeChallenges challenges) {
		super(challenges);
	}

	@Override
	String valueOf(Caller caller) {
		return caller.userType();
	}

	@Override
	String describe(Set<String> allowed) {
		return "This route is for callers of type " + String.join(" or ", allowed.stream().sorted().toList()) + ".";
	}

}
