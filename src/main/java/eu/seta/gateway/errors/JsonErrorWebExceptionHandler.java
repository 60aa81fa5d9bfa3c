package eu.seta.gateway.errors;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure into the gateway's JSON error body. Runs before Spring Boot's own handler (order -1) so
 * that no HTML page, library message or stack trace ever reaches a client.
 */
@Component
@Order(-2)
class JsonErrorWebExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(JsonErrorWebExceptionHandler.class);

	private final ErrorResponses responses;

	JsonErrorWebExceptionHandler(ErrorResponses responses) {
		this.responses = responses;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		if (failure instanceof ApiException refusal) {
			return this.responses.write(exchange, refusal);
		}
		HttpStatusCode status = statusOf(failure);
		if (isUpstreamFailure(status)) {
			log.warn("{} {}: upstream failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					rootCause(failure).toString());
		}
		else if (status.is5xxServerError()) {
			log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
		}
		else {
			log.debug("{} {} refused: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					failure.toString());
		}
		HttpHeaders headers = new HttpHeaders();
		if (failure instanceof ResponseStatusException statusException) {
			// keeps Allow on 405 and Accept on 415, which clients need to recover
			headers.addAll(statusException.getHeaders());
		}
		return this.responses.write(exchange, status, ErrorCodes.forStatus(status), headers);
	}

	private static HttpStatusCode statusOf(Throwable failure) {
		if (failure instanceof ResponseStatusException statusException) {
			return statusException.getStatusCode();
		}
		if (failure instanceof HttpClientErrorException.TooManyRequests) {
			// how Spring Cloud Gateway's RequestRateLimiter refuses a call over its quota (throwOnLimit); the
			// rate-limit headers and Retry-After are already on the response
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		if (failure instanceof DataBufferLimitException) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// a backend that cannot be reached is the gateway's 502/504, not its own 500
			if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException
					|| cause instanceof io.netty.handler.timeout.TimeoutException) {
				return HttpStatus.GATEWAY_TIMEOUT;
			}
			if (cause instanceof IOException) {
				// refused, reset, closed early, unknown host: the backend failed, the gateway did not
				return HttpStatus.BAD_GATEWAY;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static boolean isUpstreamFailure(HttpStatusCode status) {
		return status.value() == 502 || status.value() == 504;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
