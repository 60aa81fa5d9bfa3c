package eu.seta.gateway.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TestPrincipals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class FilePrincipalDirectoryTests {

	private static final String KEY = TestKeys.openSsh(TestKeys.rsa2048().getPublic(), "k");

	@TempDir
	Path folder;

	@Test
	void findsByLoginCaseInsensitivelyEvenUnderATurkishLocale() {
		Locale before = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try (FilePrincipalDirectory directory = directoryWith(TestPrincipals.user("u1", "github", "ILIAS", KEY))) {
			StepVerifier.create(directory.findByLogin(new LoginName("GitHub", "ilias")))
				.assertNext((principal) -> assertThat(principal.id()).isEqualTo("u1"))
				.verifyComplete();
			StepVerifier.create(directory.findById("u1")).expectNextCount(1).verifyComplete();
			StepVerifier.create(directory.findByLogin(new LoginName("github", "nobody"))).verifyComplete();
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void picksUpAChangedFileWithoutRestart() {
		try (FilePrincipalDirectory directory = directoryWith(TestPrincipals.user("u1", "github", "one", KEY))) {
			TestPrincipals.write(file(), List.of(TestPrincipals.user("u1", "github", "one", KEY),
					TestPrincipals.user("u2", "github", "two", KEY)));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> StepVerifier.create(directory.findById("u2")).expectNextCount(1).verifyComplete());
		}
	}

	@Test
	void aBrokenFileKeepsTheLastGoodVersion() throws IOException {
		try (FilePrincipalDirectory directory = directoryWith(TestPrincipals.user("u1", "github", "one", KEY))) {
			Files.writeString(file(), "principals: [ {id: broken", StandardCharsets.UTF_8);
			directory.reload();
			assertThat(directory.size()).isEqualTo(1);
			Files.delete(file());
			directory.reload();
			StepVerifier.create(directory.findById("u1")).expectNextCount(1).verifyComplete();
		}
	}

	@Test
	void refusesToStartWithoutAReadableFile() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new FilePrincipalDirectory(this.folder.resolve("missing.yml"), Duration.ofSeconds(1)))
			.withMessageContaining("Set seta.directory.file");
	}

	private FilePrincipalDirectory directoryWith(TestPrincipals.Entry... entries) {
		TestPrincipals.write(file(), List.of(entries));
		return new FilePrincipalDirectory(file(), Duration.ofMillis(50));
	}

	private Path file() {
		return this.folder.resolve("principals.yml");
	}

}
