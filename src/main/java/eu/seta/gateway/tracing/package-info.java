/**
 * Distributed tracing of the gateway's calls, OpenTelemetry through Micrometer Tracing: off unless
 * {@code management.tracing.export.enabled} is true, and then absent from the application context altogether, so that
 * a proxied call pays nothing for it.
 */
@NullMarked
package eu.seta.gateway.tracing;

import org.jspecify.annotations.NullMarked;
