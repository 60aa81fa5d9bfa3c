@NullMarked
package eu.seta.gateway.routes;

import org.jspecify.annotations.NullMarked;
