package io.flotilla.storage.spi;

import java.time.Instant;

/**
 * A blob row for one data centre: size, creation time, where the bytes live, GC state, and the
 * {@code refEpoch} that every writer relying on the blob bumps so that a concurrent GC mark fails.
 */
public record BlobRecord(long size, Instant created, BlobLocation location, GcState state, long refEpoch) {

    public BlobRecord withRefEpochBumped() {
        return new BlobRecord(size, created, location, GcState.LIVE, refEpoch + 1);
    }
}
