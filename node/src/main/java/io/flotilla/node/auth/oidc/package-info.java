/**
 * Login through an OpenID Connect provider (Keycloak, Dex, Entra ID, ...): the authorization code flow with
 * PKCE (S256), for people who sign in with a browser.
 *
 * <p>{@link io.flotilla.node.auth.oidc.OidcProvider} is the whole client: {@code begin} makes the authorization
 * URL and a {@link io.flotilla.node.auth.oidc.PendingLogin} the caller keeps server-side until the callback;
 * {@code complete} checks the returned state, redeems the code with the PKCE verifier and verifies the ID
 * token (RS256/ES256 by a key of the provider's JWKS, issuer, audience, times, nonce) before it yields a
 * {@link io.flotilla.node.auth.DirectoryIdentity}. Every refusal is an
 * {@link io.flotilla.node.auth.oidc.OidcLoginException} whose reason says whether the user, the provider or
 * the configuration is at fault. {@link io.flotilla.node.auth.oidc.CliSecret} makes the secrets such users
 * give docker and podman instead of a password.
 *
 * <p>Nothing here knows Flotilla's HTTP routes or configuration tree; the node wires those.
 */
package io.flotilla.node.auth.oidc;
