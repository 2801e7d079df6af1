package io.flotilla.model;

/** A digest string that does not parse, or names an algorithm this registry does not verify. */
public final class InvalidDigestException extends InvalidInputException {
    public InvalidDigestException(String message) {
        super(message);
    }
}
