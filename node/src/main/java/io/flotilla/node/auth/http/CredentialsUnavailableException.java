package io.flotilla.node.auth.http;

/** Credentials could not be checked (LDAP or the metadata store unreachable): a 503, never a 401. */
final class CredentialsUnavailableException extends RuntimeException {
    CredentialsUnavailableException(Throwable cause) {
        super(cause.getMessage(), cause, false, false);
    }
}
