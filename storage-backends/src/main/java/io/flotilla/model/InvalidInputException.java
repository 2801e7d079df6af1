package io.flotilla.model;

/** Base of the parse failures of this package; the message is safe to show to a client. */
public abstract class InvalidInputException extends IllegalArgumentException {
    protected InvalidInputException(String message) {
        super(message);
    }
}
