@NullMarked
package eu.seta.gateway.session;

import org.jspecify.annotations.NullMarked;
