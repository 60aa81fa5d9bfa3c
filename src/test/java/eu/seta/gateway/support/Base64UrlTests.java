package eu.seta.gateway.support;

import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Base64UrlTests {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private final Random random = new Random(20261206);

	@Test
	void whatTheEncoderWritesIsCanonical() {
		for (int length = 0; length <= 300; length++) {
			byte[] bytes = new byte[length];
			this.random.nextBytes(bytes);
			String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			assertThat(Base64Url.isCanonical(encoded)).as(encoded).isTrue();
		}
	}

	/** The definition it replaces, on strings of the alphabet: decode, encode again, compare. */
	@Test
	void anyStringIsCanonicalExactlyWhenItSurvivesDecodingAndEncoding() {
		for (int i = 0; i < 20_000; i++) {
			StringBuilder letters = new StringBuilder();
			int length = this.random.nextInt(12);
			for (int j = 0; j < length; j++) {
				letters.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
			}
			String encoded = letters.toString();
			boolean expected = encoded.length() % 4 != 1 && Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(Base64.getUrlDecoder().decode(encoded))
				.equals(encoded);
			assertThat(Base64Url.isCanonical(encoded)).as(encoded).isEqualTo(expected);
		}
	}

	/** Every char there is, each with a letter after it (a length an encoding has): the alphabet's and no other. */
	@Test
	void exactlyTheLettersOfTheUrlAlphabetAreLetters() {
		for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
			String encoded = (char) c + "A";
			assertThat(Base64Url.isUnpadded(encoded)).as("U+%04X", c).isEqualTo(ALPHABET.indexOf(c) >= 0);
		}
	}

	@Test
	void otherSpellingsOfTheSameBytesAreNot() {
		// 0xfb 0xff: "-_8" is the one spelling
		assertThat(Base64Url.isCanonical("-_8")).isTrue();
		assertThat(Base64Url.isCanonical("+/8")).as("the other alphabet").isFalse();
		assertThat(Base64Url.isCanonical("-_9")).as("a spare bit set").isFalse();
		assertThat(Base64Url.isCanonical("-_8=")).as("padding").isFalse();
		assertThat(Base64Url.isCanonical("-_ 8")).as("a letter the decoder skips").isFalse();
		assertThat(Base64Url.isCanonical("-_8\u00e9")).as("outside ASCII").isFalse();
		assertThat(Base64Url.isCanonical("-_8AA")).as("a length no encoding has").isFalse();
		assertThat(Base64Url.isCanonical("AB")).as("one byte, a spare bit set").isFalse();
		assertThat(Base64Url.isCanonical("AQ")).isTrue();
		assertThat(Base64Url.isCanonical("")).isTrue();
	}

}
