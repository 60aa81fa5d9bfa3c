/**
 * Per-caller quotas on proxied routes: Spring Cloud Gateway's own {@code RequestRateLimiter}, keyed by the verified
 * principal (the client address on public routes), counted in Redis with the Redis store and in memory otherwise.
 */
@NullMarked
package eu.seta.gateway.quota;

import org.jspecify.annotations.NullMarked;
