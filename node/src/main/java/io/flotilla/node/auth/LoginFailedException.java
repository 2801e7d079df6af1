package io.flotilla.node.auth;

import java.time.Duration;

/**
 * A login that did not succeed: wrong credentials, a disabled or expired account ({@link #retryAfter} zero, a
 * 401), or one refused by the throttle before its password was checked ({@link #retryAfter} positive, a 429).
 */
public final class LoginFailedException extends RuntimeException {

    private final Duration retryAfter;

    public LoginFailedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public static LoginFailedException wrongCredentials() {
        return new LoginFailedException("wrong user name or password", Duration.ZERO);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean throttled() {
        return retryAfter.isPositive();
    }
}
