package io.flotilla.node.auth.oidc;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A login between {@link OidcProvider#begin} and {@link OidcProvider#complete}. The caller keeps it on the
 * server (keyed by a cookie or by its state), never in the browser: the nonce and the PKCE verifier are
 * what prove that the callback belongs to this login. It lives minutes; {@link #olderThan} tells when to drop it.
 *
 * @param state            sent to the provider and expected back in the callback
 * @param nonce            sent to the provider and expected back inside the ID token
 * @param codeVerifier     the PKCE secret; only its S256 hash went to the provider
 * @param redirectUri      the callback address; the token request must repeat it exactly
 * @param authorizationUrl where to send the browser
 * @param createdAt        when the login began
 */
public record PendingLogin(String state, String nonce, String codeVerifier, URI redirectUri, URI authorizationUrl,
                           Instant createdAt) {
    public PendingLogin {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True once the login began more than {@code maxAge} before {@code now}. */
    public boolean olderThan(Duration maxAge, Instant now) {
        return now.isAfter(createdAt.plus(maxAge));
    }

    /** Without the nonce and the verifier, which must not reach a log. */
    @Override
    public String toString() {
        return "PendingLogin[state=" + state + ", redirectUri=" + redirectUri + ", createdAt=" + createdAt + "]";
    }
}
