@NullMarked
package eu.seta.gateway.directory;

import org.jspecify.annotations.NullMarked;
