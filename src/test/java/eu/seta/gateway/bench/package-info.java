/**
 * What {@code bench/run.sh} runs beside the load generator: JMH micro-benchmarks of the crypto on the gateway's
 * paths, and the fixtures (keys, principals, proofs, tokens) the load scripts send. Nothing here runs in
 * {@code ./mvnw verify}: benchmarks are not tests.
 */
@NullMarked
package eu.seta.gateway.bench;

import org.jspecify.annotations.NullMarked;
