package eu.seta.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import org.jspecify.annotations.Nullable;

/**
 * The JCA provider that computes RSA and EC signatures: the login proofs, and the access tokens the gateway signs
 * and verifies. The Amazon Corretto Crypto Provider does them natively (AWS-LC, about twice the JDK's speed for
 * RSA signing here); it is used only where it loads and passes its self-test, the JDK's providers everywhere else.
 * The provider is passed to each use explicitly rather than installed JVM-wide, so nothing else in the process
 * changes and both can be tested side by side.
 *
 * @param name what operators see in the log and at {@code /actuator/info}
 * @param jca the provider to ask, or {@code null} for the JDK's default lookup
 * @param fallbackReason why {@code auto} fell back to the JDK, if it did
 */
public record CryptoProvider(String name, @Nullable Provider jca, @Nullable String fallbackReason) {

	public static final String JDK = "JDK";

	public static CryptoProvider jdk() {
		return new CryptoProvider(JDK, null, null);
	}

	/** The native provider if it is usable on this platform, else the JDK with the reason. */
	public static CryptoProvider select(CryptoProperties.Choice choice) {
		if (choice == CryptoProperties.Choice.JDK) {
			return jdk();
		}
		try {
			AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
			Throwable loading = accp.getLoadingError();
			if (loading != null) {
				return new CryptoProvider(JDK, null, "native provider did not load: " + loading.getMessage());
			}
			accp.assertHealthy();
			return new CryptoProvider(accp.getName() + " " + accp.getVersionStr(), accp, null);
		}
		catch (LinkageError | RuntimeException ex) {
			return new CryptoProvider(JDK, null, "native provider unusable: " + ex);
		}
	}

	public boolean isNative() {
		return this.jca != null;
	}

	public Signature signature(String algorithm) throws NoSuchAlgorithmException {
		return (this.jca != null) ? Signature.getInstance(algorithm, this.jca) : Signature.getInstance(algorithm);
	}

	/**
	 * The key as this provider's own object, made once where a key is loaded: the native provider would otherwise
	 * convert a JDK key into its native form on every signature it checks.
	 */
	@SuppressWarnings("unchecked")
	public <K extends Key> K translate(K key) {
		if (this.jca == null) {
			return key;
		}
		try {
			Key translated = KeyFactory.getInstance(key.getAlgorithm(), this.jca).translateKey(key);
			// the same interfaces (RSAPublicKey, ECPrivateKey...) or the JDK's key as it was
			return isSameKind(key, translated) ? (K) translated : key;
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			return key;
		}
	}

	private static boolean isSameKind(Key original, Key translated) {
		for (Class<?> type : new Class<?>[] { RSAPublicKey.class, RSAPrivateKey.class, ECPublicKey.class,
				ECPrivateKey.class }) {
			if (type.isInstance(original) && !type.isInstance(translated)) {
				return false;
			}
		}
		return true;
	}

	/** Makes a nimbus signer or verifier compute through this provider; EdDSA ones (Tink) are left as they are. */
	public <T> T applyTo(T jose) {
		if (this.jca != null && jose instanceof JCAAware<?> aware) {
			JCAContext context = aware.getJCAContext();
			context.setProvider(this.jca);
		}
		return jose;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
