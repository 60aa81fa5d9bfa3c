package eu.seta.gateway.directory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TestPrincipals;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.APP;
import static eu.seta.gateway.testing.StandardPrincipals.APP_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK;
import static eu.seta.gateway.testing.StandardPrincipals.FRANK_KEY;
import static org.awaitility.Awaitility.await;

/**
 * README, "Principal directory": a duplicate provider+username entry is skipped with a log line naming it. Appended
 * to the file of a running gateway, it must not take the existing principal, or its application, out.
 */
class DuplicatePrincipalTests {

	@TempDir
	Path folder;

	@Test
	void aDuplicateAppendedToTheDirectoryLocksNobodyOut() {
		Path file = this.folder.resolve("principals.yml");
		TestPrincipals.write(file, List.of(ALICE, APP));
		try (RunningGateway gateway = RunningGateway
			.start(Map.of("seta.directory.file", file, "seta.directory.reload-interval", "100ms"))) {
			TokenClient tokens = gateway.tokens();
			TokenPair before = tokens.login(ALICE, ALICE_KEY.getPrivate());

			// someone appends alice again, differently cased and with another key, and a newcomer with it
			TestPrincipals.Entry copy = TestPrincipals.user("u-alice-copy", "GitHub", "ALICE",
					TestKeys.openSsh(BOB_KEY.getPublic(), "copy"));
			TestPrincipals.write(file, List.of(ALICE, APP, copy, FRANK));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> tokens.postToken(TokenClient.proof(FRANK, FRANK_KEY.getPrivate(),
						Messages.randomLetters()))
					.expectStatus()
					.isOk());

			// alice's session from before the change goes on: a refresh looks her up in the directory again
			tokens.refreshed(before.refreshToken());
			tokens.login(ALICE, ALICE_KEY.getPrivate());
			tokens.login(APP, APP_KEY.getPrivate());
			// the skipped entry's key opens nothing
			tokens.postToken(TokenClient.proof(copy, BOB_KEY.getPrivate(), Messages.randomLetters()))
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("invalid_grant");
		}
	}

}
