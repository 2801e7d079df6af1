package io.flotilla.chaos.client.auth;

/**
 * No token could be had for a request, so the request was not sent (again): the token endpoint answered an
 * error, or could not be reached, or the registry's challenge could not be learned. The request itself never
 * reached a handler, either because it was not sent or because the registry refused it with a 401 before any
 * handler ran; so the operation it belonged to certainly had no effect.
 */
public final class TokenFetchException extends RuntimeException {

    TokenFetchException(String message) {
        super(message);
    }

    TokenFetchException(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
