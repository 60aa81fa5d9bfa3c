package eu.seta.gateway.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory a fresh clone runs with loads cleanly, with the demo principal of the README's quickstart. */
class ShippedDirectoryTests {

	@Test
	void configPrincipalsLoadsWithoutRejections() throws IOException {
		PrincipalFileParser.Result result = new PrincipalFileParser()
			.parse(Files.readString(Path.of("config/principals.yml"), StandardCharsets.UTF_8));
		assertThat(result.rejections()).isEmpty();
		assertThat(result.principals()).extracting(Principal::login).contains(new LoginName("github", "demo"));
	}

}
