package eu.seta.gateway.directory;

import java.util.Arrays;
import java.util.Optional;

/** The platform role, spelled as SeTA spells it in the {@code role} claim. */
public enum Role {

	USER("User"), ADMINISTRATOR("Administrator");

	private final String value;

	Role(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	public static Optional<Role> of(String value) {
		return Arrays.stream(values()).filter((role) -> role.value.equals(value)).findFirst();
	}

}
