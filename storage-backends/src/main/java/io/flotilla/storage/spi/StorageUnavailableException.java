package io.flotilla.storage.spi;

/** The backend could not be reached or timed out; the request may be retried. Maps to 503. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
