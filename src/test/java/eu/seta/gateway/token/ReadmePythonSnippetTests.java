package eu.seta.gateway.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * README's Python snippet ("The heart of it"), copied out of the README as it stands and run as a newcomer would
 * paste it, under each name pycryptodome is installed as: pip's {@code Crypto} and Debian's {@code Cryptodome}. The
 * other name is hidden from the interpreter, so that a machine with both still proves each path. Where only Debian's
 * package is installed, pip's name is made to stand for it (an import alias), so that the snippet's first choice
 * runs here too. Without Python, requests and pycryptodome under either name the test is skipped, saying so (the
 * gateway's own build needs no Python).
 */
class ReadmePythonSnippetTests extends GatewayIntegrationTest {

	private static final String README_URL = "\"http://localhost:8080\"";

	/** pip's module names answered by Debian's package, whose modules are the same under another top-level name. */
	private static final String CRYPTO_AS_CRYPTODOME = """
			import importlib, importlib.abc, importlib.util, sys
			class CryptoAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
			    def find_spec(self, name, path, target=None):
			        if name == "Crypto" or name.startswith("Crypto."):
			            return importlib.util.spec_from_loader(name, self)
			    def create_module(self, spec):
			        return importlib.import_module("Cryptodome" + spec.name[len("Crypto"):])
			    def exec_module(self, module):
			        pass
			sys.meta_path.insert(0, CryptoAlias())
			""";

	@TempDir
	Path folder;

	@ParameterizedTest(name = "with {0} hidden, {1} installed")
	@CsvSource({ "Crypto, Cryptodome", "Cryptodome, Crypto" })
	void theSnippetGetsATokenPairForTheDemoPrincipal(String hidden, String installed) throws Exception {
		Optional<String> python = pythonWith(installed);
		// None in sys.modules makes `import <hidden>` raise ImportError, as on a machine without that package
		String prelude = "import sys\nsys.modules[\"" + hidden + "\"] = None\n";
		if (python.isEmpty() && installed.equals("Crypto")) {
			python = pythonWith("Cryptodome");
			// the alias needs Cryptodome itself, so it cannot be hidden; the snippet tries Crypto first anyway
			prelude = CRYPTO_AS_CRYPTODOME;
		}
		assumeTrue(python.isPresent(), "no Python 3 with requests and pycryptodome");
		String snippet = readmeSnippet();
		assertThat(snippet).contains(README_URL);
		Path script = this.folder.resolve("snippet.py");
		Files.writeString(script, prelude
				+ snippet.replace(README_URL, "\"http://localhost:" + this.port + "\"")
				+ "\nassert \"" + installed + ".Signature\" in sys.modules, \"the snippet did not use " + installed + "\""
				+ "\nprint(tokens[\"access_token\"])\nprint(tokens[\"refresh_token\"])\n", StandardCharsets.UTF_8);

		Process run = new ProcessBuilder(python.get(), script.toString()).redirectErrorStream(true).start();
		run.getOutputStream().close();
		String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		// a guard against a hung interpreter, not a measure of speed
		assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(run.exitValue()).as(output).isZero();

		List<String> lines = output.strip().lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(Jwts.claims(lines.get(0)).get("sub").stringValue()).isEqualTo("demo-user");
		assertThat(lines.get(1)).startsWith("seta_rt_");
	}

	/** The fenced python block after "The heart of it" in README.md (tests run in the project's folder). */
	private static String readmeSnippet() throws IOException {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		int heading = readme.indexOf("The heart of it");
		assertThat(heading).as("README's 'The heart of it' paragraph").isNotNegative();
		int start = readme.indexOf("```python\n", heading) + "```python\n".length();
		int end = readme.indexOf("```", start);
		return readme.substring(start, end);
	}

	/** Debian's python3 has python3-pycryptodome as Cryptodome; a pyenv or venv python may have pip's Crypto. */
	private static Optional<String> pythonWith(String module) throws InterruptedException {
		for (String candidate : List.of("python3", "/usr/bin/python3")) {
			if (exitCode(candidate, "-c", "import requests, " + module + ".Signature.pkcs1_15") == 0) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static int exitCode(String... command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			process.getInputStream().readAllBytes();
			return process.waitFor();
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
