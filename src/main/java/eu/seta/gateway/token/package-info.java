@NullMarked
package eu.seta.gateway.token;

import org.jspecify.annotations.NullMarked;
