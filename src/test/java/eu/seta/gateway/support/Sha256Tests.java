package eu.seta.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The copies of one prototype digest as a new digest would, however many threads use them at once. */
class Sha256Tests {

	@Test
	void digestsTheStandardVectors() {
		// FIPS 180-2, appendix B
		assertThat(HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(HexFormat.of().formatHex(Sha256.digest(new byte[0])))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(Sha256.base64url("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
	}

	@Test
	void concurrentDigestsDoNotShareState() {
		List<String> inputs = IntStream.range(0, 2_000).mapToObj((i) -> "value-" + i).toList();
		List<String> sequential = inputs.stream().map(Sha256::base64url).toList();
		List<String> parallel = inputs.parallelStream().map(Sha256::base64url).toList();
		assertThat(parallel).isEqualTo(sequential).doesNotHaveDuplicates();
	}

}
