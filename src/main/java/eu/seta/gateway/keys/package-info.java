@NullMarked
package eu.seta.gateway.keys;

import org.jspecify.annotations.NullMarked;
