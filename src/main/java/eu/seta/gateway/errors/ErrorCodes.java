package eu.seta.gateway.errors;

import org.springframework.http.HttpStatusCode;

/**
 * The {@code error} values the gateway answers with: RFC 6749 section 5.2 and RFC 6750 section 3.1 codes for
 * token and bearer problems, plain words for the HTTP-level ones those RFCs do not cover.
 */
public final class ErrorCodes {

	public static final String INVALID_REQUEST = "invalid_request";

	public static final String INVALID_GRANT = "invalid_grant";

	public static final String INVALID_TOKEN = "invalid_token";

	public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

	public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

	public static final String ACCESS_DENIED = "access_denied";

	public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

	public static final String SERVER_ERROR = "server_error";

	private ErrorCodes() {
	}

	/** The code and text for a status that no more specific refusal explained. */
	static ErrorBody forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> new ErrorBody(INVALID_REQUEST, "The request is malformed.");
			case 401 -> new ErrorBody(INVALID_TOKEN, "A valid access token is required.");
			case 403 -> new ErrorBody(ACCESS_DENIED, "Access is denied.");
			case 404 -> new ErrorBody("not_found", "No such resource.");
			case 405 -> new ErrorBody("method_not_allowed", "This method is not allowed here.");
			case 406 -> new ErrorBody("not_acceptable", "No acceptable representation.");
			case 413 -> new ErrorBody(INVALID_REQUEST, "The request body is too large.");
			case 415 -> new ErrorBody(INVALID_REQUEST, "Unsupported content type.");
			case 429 -> new ErrorBody("too_many_requests", "Too many requests; retry later.");
			case 502 -> new ErrorBody("bad_gateway", "The upstream service failed to answer.");
			case 503 -> new ErrorBody(TEMPORARILY_UNAVAILABLE, "The service is temporarily unavailable.");
			case 504 -> new ErrorBody("gateway_timeout", "The upstream service did not answer in time.");
			default -> status.is5xxServerError() ? new ErrorBody(SERVER_ERROR, "Internal error.")
					: new ErrorBody(INVALID_REQUEST, "The request was refused.");
		};
	}

}
