package eu.seta.gateway.directory;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway learns who may log in.
 *
 * @param type {@code file} (the YAML directory below)
 * @param file the YAML principal directory: a top-level list {@code principals:}
 * @param reloadInterval how often the file is checked for changes
 */
@Validated
@ConfigurationProperties(DirectoryProperties.PREFIX)
record DirectoryProperties(@DefaultValue("file") @NotNull Type type,
		@DefaultValue("config/principals.yml") @NotNull Path file,
		@DefaultValue("5s") @NotNull Duration reloadInterval) {

	static final String PREFIX = "seta.directory";

	enum Type {

		FILE

	}

}
