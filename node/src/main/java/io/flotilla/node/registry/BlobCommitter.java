package io.flotilla.node.registry;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.time.Clock;
import java.util.Optional;

/**
 * Records a blob's location by compare-and-set, and fences garbage collection for writers that rely on
 * a blob. The first commit of a digest wins; later ones learn that their own bytes are redundant.
 */
public final class BlobCommitter {
    private static final int ATTEMPTS = 8;

    private final MetadataStore metadata;
    private final Clock clock;

    public BlobCommitter(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    /** What a commit did with the caller's bytes. */
    public enum Outcome {
        /** The caller's location is now the blob's. */
        STORED,
        /** The blob was already stored; the caller's bytes are redundant and may be deleted. */
        ALREADY_PRESENT
    }

    /**
     * Makes {@code location} the blob's location unless a live copy exists, in which case the existing
     * row's ref_epoch is bumped (reviving a GC mark) and the caller's bytes are reported redundant.
     */
    public Outcome commit(Digest digest, BlobLocation location) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<BlobRecord>> existing = metadata.getBlob(digest);
            try {
                if (existing.isPresent() && existing.get().value().state() != GcState.PURGING) {
                    metadata.putBlob(digest, existing.get().value().withRefEpochBumped(), existing.get().version());
                    return Outcome.ALREADY_PRESENT;
                }
                long epoch = existing.map(v -> v.value().refEpoch() + 1).orElse(1L);
                BlobRecord fresh = new BlobRecord(location.size(), clock.instant(), location, GcState.LIVE, epoch);
                metadata.putBlob(digest, fresh, existing.map(Versioned::version).orElse(Versioned.ABSENT));
                return Outcome.STORED;
            } catch (VersionConflictException raced) {
                // Another writer or the collector moved the row; read it again and retry.
            }
        }
        throw new RegistryException(ErrorCode.UNAVAILABLE, "blob " + digest + " is contended; retry");
    }

    /**
     * Bumps the ref_epoch of a blob a writer is about to rely on, so a concurrent GC mark fails.
     * Returns the row, or empty when the blob is missing or already being purged.
     */
    public Optional<BlobRecord> retain(Digest digest) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<BlobRecord>> existing = metadata.getBlob(digest);
            if (existing.isEmpty() || existing.get().value().state() == GcState.PURGING) {
                return Optional.empty();
            }
            BlobRecord bumped = existing.get().value().withRefEpochBumped();
            try {
                metadata.putBlob(digest, bumped, existing.get().version());
                return Optional.of(bumped);
            } catch (VersionConflictException raced) {
                // retry on the fresh row
            }
        }
        throw new RegistryException(ErrorCode.UNAVAILABLE, "blob " + digest + " is contended; retry");
    }
}
