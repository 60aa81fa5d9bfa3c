package eu.seta.gateway.token;

import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Reads small request bodies of the token API with a hard size limit, before any parsing: a client cannot make
 * the gateway buffer more than {@value #MAX_BYTES} bytes, whether it declares a length or streams chunks.
 */
final class RequestBodies {

	static final int MAX_BYTES = 16 * 1024;

	private RequestBodies() {
	}

	static Mono<byte[]> read(ServerHttpRequest request) {
		if (request.getHeaders().getContentLength() > MAX_BYTES) {
			return Mono.error(tooLarge());
		}
		return DataBufferUtils.join(request.getBody(), MAX_BYTES)
			.map(RequestBodies::drain)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge());
	}

	/**
	 * SeTA clients send {@code application/json} or, with {@code requests.post(data=...)}, no content type at all;
	 * anything else is refused with 415.
	 */
	static void requireJsonOrNone(ServerHttpRequest request) {
		MediaType type = contentType(request, MediaType.APPLICATION_JSON_VALUE);
		if (type != null && !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
			throw unsupported(MediaType.APPLICATION_JSON_VALUE);
		}
	}

	/** The request's content type; one that does not parse is refused like any other the endpoint does not take. */
	static @Nullable MediaType contentType(ServerHttpRequest request, String... accepted) {
		try {
			return request.getHeaders().getContentType();
		}
		catch (RuntimeException ex) {
			throw unsupported(accepted);
		}
	}

	/** 415 with {@code Accept-Post} listing the accepted types, comma-separated as RFC 9110 lists are. */
	static ApiException unsupported(String... accepted) {
		return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCodes.INVALID_REQUEST,
				"Unsupported content type; send " + String.join(" or ", accepted) + ".")
			.withHeader("Accept-Post", String.join(", ", accepted));
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static ApiException tooLarge() {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.INVALID_REQUEST,
				"The request body exceeds " + MAX_BYTES + " bytes.");
	}

}
