package eu.seta.gateway.directory;

import java.util.Arrays;
import java.util.Optional;

/** Whether a principal is a person or an application acting for its owner; the wire value is the claim value. */
public enum PrincipalType {

	USER("user"), APPLICATION("application");

	private final String value;

	PrincipalType(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	static Optional<PrincipalType> of(String value) {
		return Arrays.stream(values()).filter((type) -> type.value.equals(value)).findFirst();
	}

}
