/**
 * Start-up with Spring's ahead-of-time processing: the build turns the gateway's configuration classes into plain
 * code that registers its beans, and a JVM started with {@code -Dspring.aot.enabled=true} (the image does) runs that
 * code instead of parsing some two hundred configuration classes and checking their conditions. Those conditions
 * were decided when the build ran, so the guard here starts the gateway the ordinary way whenever its configuration
 * chooses other beans than the build saw.
 */
@NullMarked
package eu.seta.gateway.startup;

import org.jspecify.annotations.NullMarked;
