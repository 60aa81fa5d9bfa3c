@NullMarked
package eu.seta.gateway.support;

import org.jspecify.annotations.NullMarked;
