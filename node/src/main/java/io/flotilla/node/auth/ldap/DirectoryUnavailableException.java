package io.flotilla.node.auth.ldap;

/**
 * The directory could not decide whether a login is right: it was unreachable, too slow, or refused the
 * service account or a search. Not the user's fault, so the caller answers 503 and does not count the
 * attempt as a failed login. The message names the server and the cause, for logs, never for clients.
 */
public final class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
