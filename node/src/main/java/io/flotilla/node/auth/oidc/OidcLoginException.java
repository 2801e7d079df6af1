package io.flotilla.node.auth.oidc;

import java.util.Objects;

/**
 * Why an OpenID Connect login failed. It is the only exception {@link OidcProvider} throws, so the HTTP layer
 * maps it in one place: {@link Reason#PROVIDER_UNAVAILABLE} to a 503, the provider's or the configuration's
 * faults to a 502, and everything else to a refused login. The message is for logs; a browser should see no
 * more than the reason.
 */
public final class OidcLoginException extends RuntimeException {

    /** The kinds of failure, coarse enough to log and count, fine enough to debug a deployment. */
    public enum Reason {
        /** The provider did not answer, timed out, or answered with a 5xx: try again later. */
        PROVIDER_UNAVAILABLE,
        /** The provider answered with something this client cannot use (bad discovery, JWKS, token response). */
        BAD_PROVIDER_RESPONSE,
        /** The provider refused this client's credentials at its token endpoint: a configuration error. */
        CLIENT_REJECTED,
        /** The callback's state is not the one this login was started with (a forged or crossed callback). */
        STATE_MISMATCH,
        /** The callback carried no usable authorization code. */
        MISSING_CODE,
        /** The provider refused the code: used before, expired, or not matching the PKCE verifier. */
        CODE_REJECTED,
        /** The ID token is not a compact JWS, or its claims are not JSON of the expected shapes. */
        MALFORMED_TOKEN,
        /** The ID token is signed with an algorithm other than RS256/ES256 (none and HMAC included). */
        BAD_ALGORITHM,
        /** No signing key of the provider's JWKS has the ID token's key id, or it does not fit the algorithm. */
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        WRONG_ISSUER,
        /** The ID token was issued to another client (aud, azp). */
        WRONG_AUDIENCE,
        EXPIRED,
        /** iat or nbf lies in the future beyond the allowed clock skew. */
        NOT_YET_VALID,
        /** The nonce is not the one this login sent: a replayed or injected ID token. */
        NONCE_MISMATCH,
        /** A claim the identity needs (sub, the username claim) is absent or empty. */
        MISSING_CLAIM
    }

    private final Reason reason;

    public OidcLoginException(Reason reason, String message) {
        this(reason, message, null);
    }

    public OidcLoginException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** True when the provider itself could not be reached, so the caller answers 503 rather than a refusal. */
    public boolean providerUnavailable() {
        return reason == Reason.PROVIDER_UNAVAILABLE;
    }
}
