package eu.seta.gateway.testing;

import java.util.stream.Stream;

import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Both providers the gateway may compute signatures with, for tests that must hold with either. */
public final class CryptoProviders {

	private CryptoProviders() {
	}

	/** The JDK's, and the native one, which must load on the platforms it ships for (this suite runs on one). */
	public static Stream<CryptoProvider> both() {
		CryptoProvider selected = CryptoProvider.select(CryptoProperties.Choice.AUTO);
		assertThat(selected.isNative()).as("native provider on %s/%s: %s", System.getProperty("os.name"),
				System.getProperty("os.arch"), selected.fallbackReason())
			.isEqualTo(nativeExpected());
		return selected.isNative() ? Stream.of(CryptoProvider.jdk(), selected) : Stream.of(CryptoProvider.jdk());
	}

	/** The project ships the linux-x86_64 build of the native provider. */
	public static boolean nativeExpected() {
		String arch = System.getProperty("os.arch");
		return System.getProperty("os.name").startsWith("Linux") && ("amd64".equals(arch) || "x86_64".equals(arch));
	}

}
