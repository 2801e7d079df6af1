package io.flotilla.model;

/** A repository name that breaks the OCI grammar or length limit. */
public final class InvalidNameException extends InvalidInputException {
    public InvalidNameException(String message) {
        super(message);
    }
}
