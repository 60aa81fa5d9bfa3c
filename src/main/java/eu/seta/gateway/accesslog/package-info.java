/**
 * The access log of proxied calls: one JSON line each on its own logger, only when switched on.
 */
@NullMarked
package eu.seta.gateway.accesslog;

import org.jspecify.annotations.NullMarked;
