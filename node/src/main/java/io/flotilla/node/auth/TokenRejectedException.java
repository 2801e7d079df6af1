package io.flotilla.node.auth;

import java.util.Objects;

/**
 * Why a token was refused. It is the only exception {@link TokenVerifier#verify} throws, so the HTTP layer
 * can map it to a 401 in one place. The message is for logs; clients should see no more than the reason.
 */
public final class TokenRejectedException extends RuntimeException {

    /** The kinds of refusal, coarse enough to log and count, fine enough to debug a client. */
    public enum Reason {
        MALFORMED, TOO_LARGE, BAD_ALGORITHM, UNKNOWN_KEY, BAD_SIGNATURE,
        EXPIRED, NOT_YET_VALID, WRONG_AUDIENCE, WRONG_ISSUER, BAD_CLAIMS,
        /** The key could not be looked up (the metadata store did not answer): not the token's fault. */
        KEYS_UNAVAILABLE
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public TokenRejectedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
