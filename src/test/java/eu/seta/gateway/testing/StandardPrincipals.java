package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The principals of the shared integration-test directory: one of each kind the token API must tell apart. Keys
 * are generated once per test run; nothing here is a real key.
 */
public final class StandardPrincipals {

	public static final KeyPair ALICE_KEY = TestKeys.rsa2048();

	public static final KeyPair BOB_KEY = TestKeys.rsa2048();

	public static final KeyPair CAROL_KEY = TestKeys.rsa2048();

	public static final KeyPair ERIN_KEY_1 = TestKeys.rsa2048();

	public static final KeyPair ERIN_KEY_2 = TestKeys.rsa2048();

	public static final KeyPair APP_KEY = TestKeys.rsa2048();

	public static final KeyPair FRANK_KEY = TestKeys.rsa2048();

	/** OpenSSH key, plain user. */
	public static final TestPrincipals.Entry ALICE = TestPrincipals.user("u-alice", "github", "alice",
			TestKeys.openSsh(ALICE_KEY.getPublic(), "alice@laptop"));

	/** PEM key, mixed-case username, administrator. */
	public static final TestPrincipals.Entry BOB = TestPrincipals
		.user("u-bob", "ecas", "Bob.Smith", TestKeys.pem(BOB_KEY.getPublic()))
		.withRole("Administrator");

	public static final TestPrincipals.Entry CAROL_DISABLED = TestPrincipals
		.user("u-carol", "github", "carol", TestKeys.openSsh(CAROL_KEY.getPublic(), "carol"))
		.withStatus("disabled");

	public static final TestPrincipals.Entry DAVE_NO_KEY = TestPrincipals.user("u-dave", "github", "dave");

	/** Two keys, either may sign. */
	public static final TestPrincipals.Entry ERIN = TestPrincipals.user("u-erin", "github", "erin",
			TestKeys.openSsh(ERIN_KEY_1.getPublic(), "erin@old"), TestKeys.pem(ERIN_KEY_2.getPublic()));

	/** An application acting for Alice. */
	public static final TestPrincipals.Entry APP = TestPrincipals.application("app-search-bot", "search-bot", "u-alice",
			TestKeys.openSsh(APP_KEY.getPublic(), "search-bot"));

	/** Disabled and re-enabled by tests. */
	public static final TestPrincipals.Entry FRANK = TestPrincipals.user("u-frank", "github", "frank",
			TestKeys.openSsh(FRANK_KEY.getPublic(), "frank"));

	/** Logs in through a trusted issuer (EU Login): no key of her own. */
	public static final TestPrincipals.Entry EVE_ECAS = TestPrincipals.user("u-eve", "ecas", "eve");

	/** Known to the trusted issuer, disabled here. */
	public static final TestPrincipals.Entry MALLORY_ECAS_DISABLED = TestPrincipals.user("u-mallory", "ecas", "mallory")
		.withStatus("disabled");

	/** The demo principal of config/, whose key was made with ssh-keygen. */
	public static final TestPrincipals.Entry DEMO = TestPrincipals.user("demo-user", "github", "demo",
			read(Path.of("config/dev/demo_rsa.pub")).strip());

	/** Provider of the Wycheproof principals: one per vector, see {@link #wycheproofVector(int)}. */
	public static final String WYCHEPROOF_PROVIDER = "test";

	private StandardPrincipals() {
	}

	public static List<TestPrincipals.Entry> all() {
		List<TestPrincipals.Entry> all = new ArrayList<>(
				List.of(ALICE, BOB, CAROL_DISABLED, DAVE_NO_KEY, ERIN, APP, FRANK, DEMO, EVE_ECAS,
						MALLORY_ECAS_DISABLED));
		String key = wycheproofKeyPem();
		for (JsonNode test : wycheproof().get("testGroups").get(0).get("tests")) {
			int id = test.get("tcId").intValue();
			all.add(TestPrincipals.user("u-wycheproof-" + id, WYCHEPROOF_PROVIDER, wycheproofVector(id), key));
		}
		return all;
	}

	/**
	 * The username of Wycheproof vector {@code tcId}'s own principal, all holding the vectors' RSA key (e = 65537).
	 * Most vectors sign the same message: with one principal for all, every vector after the first would be
	 * refused as a replay, whatever its signature. With one each, only the signature decides.
	 */
	public static String wycheproofVector(int tcId) {
		return "wycheproof-tc" + tcId;
	}

	public static JsonNode wycheproof() {
		try (InputStream in = StandardPrincipals.class.getResourceAsStream("/wycheproof/rsa_signature_2048_sha256_test.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String wycheproofKeyPem() {
		return wycheproof().get("testGroups").get(0).get("publicKeyPem").stringValue();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
