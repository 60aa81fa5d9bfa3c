package eu.seta.gateway.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * README's Python quickstart, docs/examples/seta_client.py, run as a newcomer runs it. It needs a Python 3 on the
 * machine (the gateway's own build does not), so without one these tests are skipped, saying why.
 */
class ExampleClientScriptTests extends GatewayIntegrationTest {

	private static final String SCRIPT = "docs/examples/seta_client.py";

	@Test
	void withoutItsModulesTheScriptSaysWhatToInstallInOneLine() throws Exception {
		assumeTrue(works(List.of("python3", "-c", "pass")), "no python3 on PATH");
		// -I -S: no site-packages, so neither pycryptodome (Crypto or Cryptodome) nor requests can be imported
		Run run = run(List.of("python3", "-I", "-S", SCRIPT));
		// sys.exit with a message: the message on stderr, exit status 1
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.stderr().strip()).doesNotContain("Traceback")
			.isEqualTo("seta_client.py needs pycryptodome and requests: pip install pycryptodome requests "
					+ "(Debian: apt-get install python3-pycryptodome python3-requests)");
	}

	@Test
	void theScriptGetsAndRefreshesATokenPairForTheDemoPrincipal() throws Exception {
		Optional<String> python = pythonWithClientModules();
		assumeTrue(python.isPresent(), "no Python 3 with requests and pycryptodome (Crypto or Cryptodome)");
		Run run = run(List.of(python.get(), SCRIPT, "--url", "http://localhost:" + this.port, "--username", "demo",
				"--provider", "github", "--key", "config/dev/demo_rsa"));
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stdout()).contains("\"access_token\": \"ey").contains("\"refresh_token\": \"seta_rt_")
			.contains("refresh: 200");
	}

	/** Debian's python3 has python3-pycryptodome as Cryptodome; a pyenv or venv python may have pip's Crypto. */
	private static Optional<String> pythonWithClientModules() throws Exception {
		String check = "import importlib.util, sys; import requests; "
				+ "sys.exit(0 if importlib.util.find_spec('Crypto') or importlib.util.find_spec('Cryptodome') else 1)";
		for (String candidate : List.of("python3", "/usr/bin/python3")) {
			if (works(List.of(candidate, "-c", check))) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static boolean works(List<String> command) throws Exception {
		try {
			return run(command).exitCode() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Run run(List<String> command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
		// the gateway is on localhost: a proxy from the environment must not get in between
		builder.environment().keySet().removeIf((name) -> name.toLowerCase().endsWith("_proxy"));
		Process process = builder.start();
		process.getOutputStream().close();
		var stdout = process.getInputStream();
		var stderr = process.getErrorStream();
		String out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
		// a guard against a hung interpreter, not a measure of speed
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		return new Run(process.exitValue(), out, err);
	}

	record Run(int exitCode, String stdout, String stderr) {
	}

}
