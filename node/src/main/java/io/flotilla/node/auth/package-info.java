/**
 * The Docker/OCI token core: scopes, this node's own ES256 signing keys, and the issuing and verifying
 * of short-lived registry tokens. Nothing here knows HTTP; the token endpoint and the Bearer challenge
 * will sit on top of it, and map every {@link io.flotilla.node.auth.TokenRejectedException} to a 401.
 */
package io.flotilla.node.auth;
