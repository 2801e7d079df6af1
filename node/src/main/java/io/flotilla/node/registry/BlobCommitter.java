package io.flotilla.node.registry;

import io.flotilla.model.Digest;
import io.flotilla.node.gc.GcQueue;
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
 *
 * <p>The fence has two halves (docs/garbage-collection.md): a writer bumps the blob's ref_epoch before it
 * writes what relies on the blob, which breaks a mark in flight and revives a marked blob, and it
 * {@link #confirm confirms} the blob afterwards, which catches a collector that got past the bump.
 */
public final class BlobCommitter {
    private static final int ATTEMPTS = 8;

    private final MetadataStore metadata;
    private final GcQueue gc;
    private final Clock clock;

    public BlobCommitter(MetadataStore metadata, GcQueue gc, Clock clock) {
        this.metadata = metadata;
        this.gc = gc;
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
     * row's ref_epoch is bumped (reviving a GC mark) and the caller's bytes are reported redundant. A new
     * blob is queued for review: nothing may ever reference it.
     */
    public Outcome commit(Digest digest, BlobLocation location) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<BlobRecord>> existing = metadata.getBlob(digest);
            if (existing.isPresent() && existing.get().value().state() != GcState.PURGING) {
                if (bump(digest, existing.get()).isPresent()) {
                    return Outcome.ALREADY_PRESENT;
                }
                continue; // it went to purging meanwhile: store ours
            }
            if (existing.isPresent() && sharesKeys(existing.get().value().location(), location)) {
                // The collector is deleting these very keys (a content-addressed manifest copy): wait for it.
                throw new RegistryException(ErrorCode.UNAVAILABLE,
                        "blob " + digest + " is being garbage-collected; retry in a moment");
            }
            long epoch = existing.map(v -> v.value().refEpoch() + 1).orElse(1L);
            BlobRecord fresh = new BlobRecord(location.size(), clock.instant(), location, GcState.LIVE, epoch);
            try {
                gc.reviewBlob(digest);
                metadata.putBlob(digest, fresh, existing.map(Versioned::version).orElse(Versioned.ABSENT));
                return Outcome.STORED;
            } catch (VersionConflictException raced) {
                // Another commit of the same digest, or the collector, moved the row; read it again.
            }
        }
        throw contended(digest);
    }

    /**
     * Bumps the ref_epoch of a blob a writer is about to rely on, so a concurrent GC mark fails.
     * Returns the row, or empty when the blob is missing or already being purged.
     */
    public Optional<BlobRecord> retain(Digest digest) {
        Optional<Versioned<BlobRecord>> row = metadata.getBlob(digest);
        return row.isEmpty() ? Optional.empty() : bump(digest, row.get());
    }

    /**
     * The second half of the fence, after the writer's own rows (a manifest's reverse references) are durable:
     * true when the blob is still there to rely on. A live row means no mark came after those rows were
     * written, so any later mark is followed by a purge-time re-read that sees them; a marked row is revived.
     * False when the blob is purging or gone: the writer must undo what relies on it.
     */
    public boolean confirm(Digest digest) {
        Optional<Versioned<BlobRecord>> row = metadata.getBlob(digest);
        if (row.isEmpty() || row.get().value().state() == GcState.PURGING) {
            return false;
        }
        if (row.get().value().state() == GcState.LIVE) {
            return true;
        }
        return bump(digest, row.get()).isPresent();
    }

    private static boolean sharesKeys(BlobLocation a, BlobLocation b) {
        return a.pieces().stream().anyMatch(p -> b.pieces().stream().anyMatch(q -> q.key().equals(p.key())));
    }

    /**
     * Moves the blob's ref_epoch past the value in {@code first} and the row to live, unless it is missing or
     * purging, or live and {@link #touchedLately touched lately}. A bump by another writer after {@code first}
     * was read counts as this one: either makes a mark based on an earlier read fail, so writers relying on one
     * blob at the same moment (many tags of images sharing a layer, pushed at once) need not each win a
     * compare-and-set.
     */
    private Optional<BlobRecord> bump(Digest digest, Versioned<BlobRecord> first) {
        if (first.value().state() == GcState.LIVE && touchedLately(first.value())) {
            return Optional.of(first.value());
        }
        long seen = first.value().refEpoch();
        Versioned<BlobRecord> current = first;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current.value().state() == GcState.PURGING) {
                return Optional.empty();
            }
            if (current.value().state() == GcState.LIVE && current.value().refEpoch() > seen) {
                return Optional.of(current.value());
            }
            BlobRecord bumped = current.value().withRefEpochBumped(clock.instant());
            try {
                metadata.putBlob(digest, bumped, current.version());
                return Optional.of(bumped);
            } catch (VersionConflictException raced) {
                Optional<Versioned<BlobRecord>> now = metadata.getBlob(digest);
                if (now.isEmpty()) {
                    return Optional.empty();
                }
                current = now.get();
            }
        }
        throw contended(digest);
    }

    /**
     * Whether the blob was stored or relied on within the last half of GC's delay. No collector marks it for
     * at least that long, so a writer relying on it needs no compare-and-set: a base layer under many pushes
     * at once takes one every half delay instead of one per push (Paxos on one hot row is what limits a
     * Cassandra node). A writer stalled past that is caught by {@link #confirm}, as after a bump.
     */
    private boolean touchedLately(BlobRecord blob) {
        return blob.touched().isAfter(clock.instant().minus(gc.delay().dividedBy(2)));
    }

    private static RegistryException contended(Digest digest) {
        return new RegistryException(ErrorCode.UNAVAILABLE, "blob " + digest + " is contended; retry");
    }
}
