package io.flotilla.node.auth.http;

import java.time.Duration;

/**
 * Credentials that did not authenticate: wrong, malformed, an invalid token, or throttled ({@link #retryAfter}
 * positive). Each entry point answers it in its own way: the registry with a Bearer challenge, the token
 * endpoint with a plain 401, and 429 with {@code Retry-After} when throttled.
 */
public final class AuthenticationFailure extends RuntimeException {

    private final Duration retryAfter;
    private final boolean invalidToken;
    private final String claimedUser;

    AuthenticationFailure(String message, Duration retryAfter, boolean invalidToken, String claimedUser) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
        this.invalidToken = invalidToken;
        this.claimedUser = claimedUser;
    }

    /** The user name the credentials claimed (Basic), or empty: who the audit log says tried. */
    public String claimedUser() {
        return claimedUser;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean throttled() {
        return retryAfter.isPositive();
    }

    /** A Bearer token that failed verification: the challenge says {@code error="invalid_token"}. */
    public boolean invalidToken() {
        return invalidToken;
    }
}
