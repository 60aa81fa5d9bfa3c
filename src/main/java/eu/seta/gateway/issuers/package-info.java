/**
 * Trusted external issuers: access tokens of the platform's OpenID Connect providers (EU Login, Keycloak...)
 * accepted beside the gateway's own, each verified with exactly its issuer's keys and mapped to the same caller
 * identity SeTA's own tokens carry. Keys are fetched at start and in the background, never on a request's thread.
 */
@NullMarked
package eu.seta.gateway.issuers;

import org.jspecify.annotations.NullMarked;
