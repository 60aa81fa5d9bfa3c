package eu.seta.gateway.errors;

/**
 * The one error format of the whole gateway.
 *
 * @param error an RFC 6749 / RFC 6750 code where one fits, otherwise a short snake_case word
 * @param message human text; SeTA clients print this key
 */
public record ErrorBody(String error, String message) {
}
