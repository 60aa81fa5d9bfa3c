package eu.seta.gateway.directory;

import java.util.Arrays;
import java.util.Optional;

/** Only active principals obtain or refresh tokens. */
public enum PrincipalStatus {

	ACTIVE("active"), DISABLED("disabled");

	private final String value;

	PrincipalStatus(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	static Optional<PrincipalStatus> of(String value) {
		return Arrays.stream(values()).filter((status) -> status.value.equals(value)).findFirst();
	}

}
