@NullMarked
package eu.seta.gateway.reload;

import org.jspecify.annotations.NullMarked;
