package eu.seta.gateway.directory;


import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.seta.gateway.testing.Fuzzing;

/**
 * The body of the user service's answer to a principal lookup ({@code docs/user-service-api.md}), as the HTTP
 * directory reads it. Contract: an answer that is not a valid principal is a
 * {@link HttpPrincipalDirectory.MalformedAnswerException} (which the directory turns into its 503 and a log line),
 * never another exception; a principal read meets every rule of an entry ({@link PrincipalInvariants}); and the
 * work and memory stay bounded by the body's size.
 */
class UserServiceAnswerFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void userServiceAnswer(byte[] body) {
		Fuzzing.Outcome<Principal> outcome = Fuzzing.run(() -> HttpPrincipalDirectory.parse(body))
			.withinBoundsFor(body.length);
		if (!outcome.accepted()) {
			outcome.refusedWith(HttpPrincipalDirectory.MalformedAnswerException.class);
			return;
		}
		PrincipalInvariants.check(outcome.value());
	}

}
