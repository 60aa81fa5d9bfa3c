package eu.seta.gateway.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetEncodingTests {

	@ParameterizedTest
	@ValueSource(strings = { "/seta-search/api/v1/corpus", "/a?q=x&r=%20y", "/a%2F..%5C", "/a?q=[1]", "/a#b",
			"/a;b=c/d@e:f", "/~user/!$&'()*+,=", "/caf\u00e9" })
	void aTargetThatParsesIsReturnedAsItIs(String target) {
		assertThat(RequestTargetEncoding.encode(target)).isSameAs(target);
	}

	@ParameterizedTest
	@CsvSource(delimiter = ' ', value = { "/a\\b /a%5Cb", "/a%zz /a%25zz", "/a% /a%25", "/a%5 /a%255",
			"/a%5c\\ /a%5c%5C", "/a|b{c}^`\"<> /a%7Cb%7Bc%7D%5E%60%22%3C%3E", "/a[1]?q=[2]#f /a%5B1%5D?q=%5B2%5D%23f" })
	void anythingAUriCannotHoldIsPercentEncodedAndTheRestKept(String target, String encoded) {
		assertThat(RequestTargetEncoding.encode(target)).isEqualTo(encoded);
	}

	@Test
	void bytesBeyondAsciiAreEncodedAsTheBytesTheClientSent() {
		// Netty reads the request line as ISO-8859-1: é arrives as the two chars of its UTF-8 bytes
		assertThat(RequestTargetEncoding.encode("/a\\caf\u00c3\u00a9")).isEqualTo("/a%5Ccaf%C3%A9");
		assertThat(RequestTargetEncoding.encode("/a\\\u20ac")).isEqualTo("/a%5C%E2%82%AC");
	}

}
