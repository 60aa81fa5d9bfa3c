package eu.seta.gateway.testing;

import java.security.SecureRandom;

/** Login messages as the SeTA sample client makes them: 20 random lowercase letters. */
public final class Messages {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Messages() {
	}

	public static String randomLetters() {
		StringBuilder message = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			message.append((char) ('a' + RANDOM.nextInt(26)));
		}
		return message.toString();
	}

}
