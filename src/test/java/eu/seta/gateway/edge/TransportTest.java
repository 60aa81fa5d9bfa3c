package eu.seta.gateway.edge;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import reactor.netty.http.client.HttpClient;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A running gateway, the transport it chose, its client to the backends, and the loop a proxied call is read on. */
@Import(ExchangeThread.class)
abstract class TransportTest extends GatewayIntegrationTest {

	@Autowired
	protected EdgeTransport transport;

	@Autowired
	protected HttpClient backends;

	@Autowired
	private ExchangeThread exchangeThread;

	/** Makes a proxied call that reaches the backend and gives the server's event loop that read it. */
	protected Thread loopOfAProxiedCall() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		BACKEND.verify(getRequestedFor(urlEqualTo("/seta-ui/index.html")));
		return this.exchangeThread.last.get();
	}

}
