package io.flotilla.storage.spi;

import java.time.Instant;

/**
 * A blob row for one data centre: size, when a writer last stored or relied on it ({@code touched}), where
 * the bytes live, GC state, and the {@code refEpoch} that every writer relying on the blob bumps so that a
 * concurrent GC mark fails.
 */
public record BlobRecord(long size, Instant touched, BlobLocation location, GcState state, long refEpoch) {

    /** The row after a writer relied on it at {@code now}: live, with a new epoch that breaks any mark in flight. */
    public BlobRecord withRefEpochBumped(Instant now) {
        return new BlobRecord(size, now, location, GcState.LIVE, refEpoch + 1);
    }

    /** The same row in another GC state; the epoch stays, so a writer's bump still tells. */
    public BlobRecord inState(GcState next) {
        return new BlobRecord(size, touched, location, next, refEpoch);
    }
}
