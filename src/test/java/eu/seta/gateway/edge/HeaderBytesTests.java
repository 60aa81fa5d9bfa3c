package eu.seta.gateway.edge;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size of a request's header lines as the edge limits it. Over HTTP the edge counts on Netty's own storage
 * (the HTTP tests cover that); a request of another server, whose native request is not Netty's, is counted line by
 * line the same way.
 */
class HeaderBytesTests {

	@Test
	void eachLineCountsItsNameItsValueAndFourBytesOfSeparators() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Accept", "text/html");
		headers.add("X-Trace", "abc");
		headers.add("X-Trace", "de");
		// "Accept: text/html\r\n", "X-Trace: abc\r\n", "X-Trace: de\r\n"
		assertThat(EdgeWebFilter.headerBytes(new OtherServersRequest(headers))).isEqualTo(19 + 14 + 13);
	}

	@Test
	void aRequestWithoutHeadersHasNone() {
		assertThat(EdgeWebFilter.headerBytes(new OtherServersRequest(new HttpHeaders()))).isZero();
	}

	/** A request as a server other than Reactor Netty would hand it over. */
	private static final class OtherServersRequest extends AbstractServerHttpRequest {

		OtherServersRequest(HttpHeaders headers) {
			super(HttpMethod.GET, URI.create("http://localhost/seta-ui/"), null, headers);
		}

		@Override
		protected MultiValueMap<String, HttpCookie> initCookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		protected SslInfo initSslInfo() {
			return null;
		}

		@Override
		public <T> T getNativeRequest() {
			@SuppressWarnings("unchecked")
			T other = (T) "another server's request";
			return other;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.empty();
		}

	}

}
