@NullMarked
package eu.seta.gateway.audit;

import org.jspecify.annotations.NullMarked;
