@NullMarked
package eu.seta.gateway.errors;

import org.jspecify.annotations.NullMarked;
