package io.flotilla.model;

/** A tag that breaks the OCI tag grammar. */
public final class InvalidTagException extends InvalidInputException {
    public InvalidTagException(String message) {
        super(message);
    }
}
