package eu.seta.gateway.edge;

import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Refuses request paths that different parsers could read differently, before any route is matched: the rules of
 * Spring Security's {@code StrictServerWebExchangeFirewall} with its defaults. A path is refused when it holds an
 * encoded period, slash, backslash, percent or semicolon, an encoded control character (NUL, line feed, carriage
 * return, any below 0x20, DEL) or Unicode line or paragraph separator, a raw backslash, semicolon or NUL,
 * {@code //}, a {@code .} or {@code ..} segment, or a character outside printable ASCII; a method outside the usual
 * seven is refused too.
 * <p>
 * Written here rather than called through that firewall because the firewall wraps the exchange in a decorator
 * that re-checks and re-allocates on every header read of every later filter; these checks are one pass over the
 * raw path. Header names and values are Netty's to check: its decoder refuses control characters in them.
 */
final class RequestFirewall {

	private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.DELETE, HttpMethod.GET, HttpMethod.HEAD,
			HttpMethod.OPTIONS, HttpMethod.PATCH, HttpMethod.POST, HttpMethod.PUT);

	private RequestFirewall() {
	}

	static boolean accepts(ServerHttpRequest request) {
		if (!METHODS.contains(request.getMethod())) {
			return false;
		}
		String path = request.getURI().getRawPath();
		return path == null || acceptsPath(path);
	}

	static boolean acceptsPath(String path) {
		int length = path.length();
		for (int i = 0; i < length; i++) {
			char c = path.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '\\' || c == ';') {
				return false;
			}
			if (c == '%' && isRefusedEscape(path, i)) {
				return false;
			}
			if (c == '/' && i + 1 < length && path.charAt(i + 1) == '/') {
				return false;
			}
		}
		return isNormalized(path);
	}

	/**
	 * %2E %2F %5C %25 %3B, %00 to %1F, %7F, and %E2%80%A8 / %E2%80%A9 (U+2028, U+2029) in either case: what decodes to
	 * a character that is refused raw, changes the path, or splits a line in a log or a header built from the path.
	 */
	private static boolean isRefusedEscape(String path, int percent) {
		if (percent + 2 >= path.length()) {
			return false;
		}
		char high = path.charAt(percent + 1);
		char low = Character.toUpperCase(path.charAt(percent + 2));
		return switch (high) {
			case '0', '1' -> true;
			case '2' -> low == 'E' || low == 'F' || low == '5';
			case '5' -> low == 'C';
			case '3' -> low == 'B';
			case '7' -> low == 'F';
			case 'e', 'E' -> low == '2' && isUnicodeSeparatorTail(path, percent + 3);
			default -> false;
		};
	}

	/** After %E2: %80%A8 or %80%A9. */
	private static boolean isUnicodeSeparatorTail(String path, int from) {
		if (from + 6 > path.length()) {
			return false;
		}
		String tail = path.substring(from, from + 6).toUpperCase(java.util.Locale.ROOT);
		return tail.equals("%80%A8") || tail.equals("%80%A9");
	}

	/** No segment is {@code .} or {@code ..}. */
	private static boolean isNormalized(String path) {
		int start = 0;
		while (start <= path.length()) {
			int end = path.indexOf('/', start);
			if (end < 0) {
				end = path.length();
			}
			int segment = end - start;
			if ((segment == 1 && path.charAt(start) == '.')
					|| (segment == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
				return false;
			}
			start = end + 1;
		}
		return true;
	}

}
