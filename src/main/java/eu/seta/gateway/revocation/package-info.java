/**
 * Revocation that reaches the edge: the sessions and principals whose access tokens must stop working before they
 * expire, known to every replica without asking a store on the proxied path. A revocation is recorded in the
 * session store's Redis and published; each replica keeps the whole (small, expiring) set in memory
 * ({@link eu.seta.gateway.revocation.RevocationList}), fed by the publications and reloaded whole whenever its
 * subscription is (re-)established.
 */
@NullMarked
package eu.seta.gateway.revocation;

import org.jspecify.annotations.NullMarked;
