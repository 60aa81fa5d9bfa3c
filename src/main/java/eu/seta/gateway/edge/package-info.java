@NullMarked
package eu.seta.gateway.edge;

import org.jspecify.annotations.NullMarked;
