@NullMarked
package eu.seta.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
