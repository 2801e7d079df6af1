package io.flotilla.storage.spi;

import io.flotilla.model.Digest;

import java.io.IOException;

/** Bytes written did not hash to the digest they were written under; nothing was kept. */
public final class DigestMismatchException extends IOException {
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("content hashes to " + actual + ", not " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
