/**
 * Where the gateway's RSA and EC work runs: which JCA provider does it (a native one where the platform has it)
 * and on which threads.
 */
@NullMarked
package eu.seta.gateway.crypto;

import org.jspecify.annotations.NullMarked;
