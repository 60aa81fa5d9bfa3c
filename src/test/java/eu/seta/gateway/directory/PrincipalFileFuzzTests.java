package eu.seta.gateway.directory;

import java.util.HashSet;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.seta.gateway.testing.Fuzzing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The principal directory file, as an operator (or a mistake in a deployment pipeline) may write it. Contract: a
 * file that is not a principal list is refused whole with {@link IllegalArgumentException}, never another exception
 * (YAML errors, nesting and alias bombs included); every principal loaded meets every rule of an entry
 * ({@link PrincipalInvariants}); no two share an id or a login; an application's owner is a loaded user; and the
 * work and memory stay bounded by the file's size.
 */
class PrincipalFileFuzzTests {

	private final PrincipalFileParser parser = new PrincipalFileParser();

	@FuzzTest(maxDuration = "10m")
	void principalFile(byte[] input) {
		String text = Fuzzing.text(input);
		Fuzzing.Outcome<PrincipalFileParser.Result> outcome = Fuzzing.run(() -> this.parser.parse(text))
			.withinBoundsFor(input.length);
		if (!outcome.accepted()) {
			outcome.refusedWith(IllegalArgumentException.class);
			return;
		}
		Set<String> ids = new HashSet<>();
		Set<LoginName> logins = new HashSet<>();
		for (Principal principal : outcome.value().principals()) {
			PrincipalInvariants.check(principal);
			assertThat(ids.add(principal.id())).as("unique id %s", principal.id()).isTrue();
			assertThat(logins.add(principal.login())).as("unique login %s", principal.login()).isTrue();
		}
		for (Principal principal : outcome.value().principals()) {
			if (principal.type() == PrincipalType.APPLICATION) {
				assertThat(outcome.value().principals())
					.anyMatch((owner) -> owner.id().equals(principal.owner()) && owner.type() == PrincipalType.USER);
			}
		}
		assertThat(outcome.value().rejections()).doesNotContainNull();
	}

}
