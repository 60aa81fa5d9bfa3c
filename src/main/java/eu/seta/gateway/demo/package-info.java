/**
 * A stand-in backend for a developer's laptop, so that the quickstart ends with a proxied call that answers: only
 * with the Spring profile {@code demo}, never otherwise.
 */
@NullMarked
package eu.seta.gateway.demo;

import org.jspecify.annotations.NullMarked;
