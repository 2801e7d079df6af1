package io.flotilla.node.auth.http;

/** An {@code Authorization} header that cannot be read: a 401, with the reason, like wrong credentials. */
final class MalformedCredentialsException extends RuntimeException {
    MalformedCredentialsException(String message) {
        super(message, null, false, false);
    }
}
