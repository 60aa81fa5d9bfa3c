package eu.seta.gateway.token;

import org.springframework.test.context.TestPropertySource;

/** The Wycheproof vectors over HTTP with the JDK's providers (the default context uses the native one here). */
@TestPropertySource(properties = "seta.crypto.provider=jdk")
class WycheproofOnJdkCryptoTests extends WycheproofTests {

}
