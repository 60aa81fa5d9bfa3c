package eu.seta.gateway.directory;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;

import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TestPrincipals;
import eu.seta.gateway.testing.TestPrincipals.Entry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrincipalFileParserTests {

	private static final KeyPair KEY = TestKeys.rsa2048();

	private static final String SSH = TestKeys.openSsh(KEY.getPublic(), "k");

	private final PrincipalFileParser parser = new PrincipalFileParser();

	@Test
	void readsEveryFieldOfAUserAndAnApplication() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("u1", "GitHub", "Alice", SSH).withRole("Administrator"),
				TestPrincipals.application("app1", "Bot", "u1", TestKeys.pem(KEY.getPublic())));
		assertThat(result.rejections()).isEmpty();
		Principal user = result.principals().get(0);
		assertThat(user.id()).isEqualTo("u1");
		assertThat(user.login()).isEqualTo(new LoginName("github", "alice"));
		assertThat(user.type()).isEqualTo(PrincipalType.USER);
		assertThat(user.role()).isEqualTo(Role.ADMINISTRATOR);
		assertThat(user.isActive()).isTrue();
		assertThat(user.publicKeys()).containsExactly((java.security.interfaces.RSAPublicKey) KEY.getPublic());
		Principal app = result.principals().get(1);
		assertThat(app.type()).isEqualTo(PrincipalType.APPLICATION);
		assertThat(app.owner()).isEqualTo("u1");
		assertThat(app.login()).isEqualTo(new LoginName("seta", "bot"));
	}

	@Test
	void invalidEntriesAreRejectedByNameAndTheOthersLoad() {
		String weak = TestKeys.openSsh(TestKeys.rsa(1024, BigInteger.valueOf(65537)).getPublic(), "weak");
		String smallExponent = TestKeys.openSsh(TestKeys.rsa(2048, BigInteger.valueOf(3)).getPublic(), "e3");
		Entry robot = new Entry("u-robot", "github", "robot", "robot", null, "User", "active", List.of(SSH));
		Entry superuser = TestPrincipals.user("u-root", "github", "root", SSH).withRole("root");
		Entry paused = TestPrincipals.user("u-paused", "github", "paused", SSH).withStatus("paused");
		PrincipalFileParser.Result result = parse(TestPrincipals.user("u-good", "github", "good", SSH),
				TestPrincipals.user("u-weak", "github", "weak", weak),
				TestPrincipals.user("u-e3", "github", "e3", smallExponent),
				TestPrincipals.user("u-garbage", "github", "garbage", "ssh-rsa not-a-key"), robot, superuser, paused,
				new Entry("u-orphan-app", "seta", "orphan", "application", null, "User", "active", List.of(SSH)));
		assertThat(result.principals()).extracting(Principal::id).containsExactly("u-good");
		assertThat(result.rejections()).containsExactly(
				"principal #2 (id=u-weak) rejected: public key 1: RSA key has 1024 bits; at least 2048 are required",
				"principal #3 (id=u-e3) rejected: public key 1: RSA public exponent must be 65537",
				"principal #4 (id=u-garbage) rejected: public key 1: OpenSSH key is not valid base64",
				"principal #5 (id=u-robot) rejected: type must be 'user' or 'application'",
				"principal #6 (id=u-root) rejected: role must be 'User' or 'Administrator'",
				"principal #7 (id=u-paused) rejected: status must be 'active' or 'disabled'",
				"principal #8 (id=u-orphan-app) rejected: an application needs an 'owner' (the owning user's id)");
	}

	@Test
	void aDuplicateLoginIsSkippedAndTheFirstEntryKept() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("u1", "github", "alice", SSH),
				TestPrincipals.user("u2", "GITHUB", "ALICE", SSH), TestPrincipals.user("u3", "github", "bob", SSH));
		assertThat(result.principals()).extracting(Principal::id).containsExactly("u1", "u3");
		assertThat(result.rejections()).containsExactly(
				"principal id=u2 skipped: duplicate provider+username github/alice (kept the earlier entry id=u1)");
	}

	@Test
	void aDuplicateIdIsSkippedAndTheFirstEntryKept() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("u1", "github", "alice", SSH),
				TestPrincipals.user("u1", "ecas", "alice", SSH));
		assertThat(result.principals()).extracting(Principal::login)
			.containsExactly(new LoginName("github", "alice"));
		assertThat(result.rejections())
			.containsExactly("principal id=u1 skipped: duplicate id (kept the earlier entry github/alice)");
	}

	@Test
	void theApplicationsOfAPrincipalWithADuplicateKeepWorking() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("owner", "github", "owner", SSH),
				TestPrincipals.application("app", "bot", "owner", SSH),
				TestPrincipals.user("copy", "GitHub", "OWNER", SSH));
		assertThat(result.principals()).extracting(Principal::id).containsExactly("owner", "app");
		assertThat(result.principals()).allMatch(Principal::isActive);
	}

	@Test
	void anInvalidFirstEntryDoesNotHideAValidSecond() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("u1", "github", "alice", SSH).withRole("root"),
				TestPrincipals.user("u2", "github", "alice", SSH));
		assertThat(result.principals()).extracting(Principal::id).containsExactly("u2");
		assertThat(result.rejections()).singleElement().asString().contains("role must be");
	}

	@Test
	void applicationOfADisabledOwnerIsDisabledAndOfAnUnknownOwnerRejected() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("owner", "github", "owner", SSH).withStatus("disabled"),
				TestPrincipals.application("app", "bot", "owner", SSH),
				TestPrincipals.application("stray", "stray", "nobody", SSH));
		assertThat(result.principals()).extracting(Principal::id).containsExactly("owner", "app");
		assertThat(result.principals().get(1).isActive()).isFalse();
		assertThat(result.rejections())
			.containsExactly("principal id=stray rejected: owner 'nobody' is not a loaded user");
	}

	@Test
	void controlCharactersInIdsAreRejected() {
		PrincipalFileParser.Result result = parse(TestPrincipals.user("evil\\r\\nX-Seta-Role: Administrator",
				"github", "evil", SSH));
		assertThat(result.principals()).isEmpty();
		assertThat(result.rejections().get(0)).contains("'id' must be 1 to 256 characters without control characters");
	}

	@Test
	void missingFieldsDefaultOrAreNamed() {
		PrincipalFileParser.Result result = this.parser.parse("""
				principals:
				  - id: 42
				    provider: github
				    username: minimal
				  - provider: github
				    username: no-id
				""");
		Principal minimal = result.principals().get(0);
		assertThat(minimal.id()).isEqualTo("42");
		assertThat(minimal.type()).isEqualTo(PrincipalType.USER);
		assertThat(minimal.role()).isEqualTo(Role.USER);
		assertThat(minimal.isActive()).isTrue();
		assertThat(minimal.publicKeys()).isEmpty();
		assertThat(result.rejections()).containsExactly("principal #2 rejected: 'id' must be a non-empty string");
	}

	@Test
	void aFileThatIsNotADirectoryIsRefusedWhole() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.parser.parse("principals: {"))
			.withMessageStartingWith("not valid YAML");
		assertThatIllegalArgumentException().isThrownBy(() -> this.parser.parse("users: []"))
			.withMessage("expected a YAML document with a top-level list 'principals:'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.parser.parse("principals: []\nprincipals: []"))
			.withMessageStartingWith("not valid YAML");
	}

	@Test
	void yamlTagsCannotInstantiateClasses() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.parser.parse("principals: !!java.net.URL [\"http://example.com\"]"))
			.withMessageStartingWith("not valid YAML");
	}

	private PrincipalFileParser.Result parse(Entry... entries) {
		return this.parser.parse(TestPrincipals.yaml(List.of(entries)));
	}

}
