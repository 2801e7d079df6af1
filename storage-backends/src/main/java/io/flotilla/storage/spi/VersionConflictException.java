package io.flotilla.storage.spi;

/** A compare-and-set found a different version than expected; nothing was written. */
public final class VersionConflictException extends RuntimeException {
    public VersionConflictException(String what, long expected) {
        super(what + " changed concurrently (expected version " + expected + ")");
    }
}
