@NullMarked
package eu.seta.gateway;

import org.jspecify.annotations.NullMarked;
