package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The gateway's signing key in integration tests, in a key directory as an operator would mount it. Tests hold
 * the private key so that they can forge tokens the gateway's own signature would cover: an attack test must
 * show that the check after the signature refuses them.
 */
public final class TestSigningKeys {

	public static final String KID = "test-rsa";

	public static final RSAKey KEY = generate();

	private static final Path DIRECTORY = write();

	private TestSigningKeys() {
	}

	public static Path directory() {
		return DIRECTORY;
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID(KID).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path write() {
		try {
			Path directory = Files.createTempDirectory("seta-keys");
			Files.writeString(directory.resolve(KID + ".json"), KEY.toJSONString(), StandardCharsets.UTF_8);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
