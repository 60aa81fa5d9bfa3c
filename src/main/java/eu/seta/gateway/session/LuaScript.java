package eu.seta.gateway.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.ScriptOutputType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One of the gateway's Lua scripts ({@code src/main/resources/seta/redis/<name>.lua}), as both ways of running it
 * need it: Spring's {@link RedisScript} for the shared connection, the reply type for a connection of Lettuce's own
 * ({@link StoreScripts}).
 *
 * @param <T> what the script returns: {@code Long} (integer), {@code List} (array) or {@code String} (bulk string)
 */
public record LuaScript<T>(String name, RedisScript<T> script, ScriptOutputType output) {

	/**
	 * The script's text is read here, once, when the class that names it loads: a script made from a resource reads
	 * its file on first use, which would be file I/O on whichever non-blocking thread ran the first login.
	 */
	public static <T> LuaScript<T> load(String name, Class<T> type) {
		return read(name, "seta/redis/" + name + ".lua", type);
	}

	/** A library's script at its classpath location, read here as {@link #load} reads the gateway's own. */
	public static <T> LuaScript<T> fromClasspath(String location, Class<T> type) {
		return read(location, location, type);
	}

	private static <T> LuaScript<T> read(String name, String location, Class<T> type) {
		try {
			String text = new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8);
			return new LuaScript<>(name, RedisScript.of(text, type), output(type));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis script " + name + " is missing from the application", ex);
		}
	}

	private static ScriptOutputType output(Class<?> type) {
		if (type == Long.class) {
			return ScriptOutputType.INTEGER;
		}
		if (type == java.util.List.class) {
			return ScriptOutputType.MULTI;
		}
		if (type == String.class) {
			return ScriptOutputType.VALUE;
		}
		throw new IllegalArgumentException("No Redis reply type for " + type);
	}

}
