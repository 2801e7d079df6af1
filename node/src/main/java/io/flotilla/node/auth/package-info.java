/**
 * The Docker/OCI token core: scopes, this node's own ES256 signing keys, and the issuing and verifying
 * of short-lived registry tokens. Nothing here knows HTTP; the token endpoint and the Bearer challenge
 * will sit on top of it, and map every {@link io.flotilla.node.auth.TokenRejectedException} to a 401.
 *
 * <p>Also the building blocks of a password login, equally free of HTTP: Argon2id hashes for local
 * accounts ({@link io.flotilla.node.auth.PasswordHasher}), a back-off on failed logins
 * ({@link io.flotilla.node.auth.LoginThrottle}, whose {@link io.flotilla.node.auth.ThrottlePolicy} is kept
 * apart from its storage), and a short-lived cache of successful checks
 * ({@link io.flotilla.node.auth.CredentialCache}).
 */
package io.flotilla.node.auth;
