package io.flotilla.node.gc;

import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.VersionConflictException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes purging blobs: their bytes first, in batches (one S3 DeleteObjects or RADOS round per batch), then
 * their rows by compare-and-set, then their review items. A crash anywhere leaves the rows purging and the
 * items due, so the partition's next owner finishes the job; deleting bytes twice is harmless.
 *
 * <p>A writer that stores the digest again while it is purging writes a new row with its own keys (see
 * BlobCommitter), so the row delete then loses its compare-and-set and the new bytes are untouched.
 */
final class Purger {
    /** Keys per delete call: S3's DeleteObjects takes at most 1,000. */
    static final int KEYS_PER_CALL = 1_000;

    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final RateLimit deletes;
    private final RateLimit transitions;
    private final GcFailpoints failpoints;
    private final GcMetrics metrics;

    Purger(BlobStore blobs, MetadataStore metadata, RateLimit deletes, RateLimit transitions,
           GcFailpoints failpoints, GcMetrics metrics) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.deletes = deletes;
        this.transitions = transitions;
        this.failpoints = failpoints;
        this.metrics = metrics;
    }

    void purge(List<Purge> batch) throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (Purge p : batch) {
            failpoints.reached(GcWindow.BEFORE_BYTE_DELETE, p.digest());
            p.row().location().pieces().stream().map(Piece::key).forEach(keys::add);
        }
        for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
            deletes.acquire(1);
            blobs.delete(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_CALL)));
            metrics.deleteCall();
        }
        for (Purge p : batch) {
            transitions.acquire(1);
            try {
                metadata.deleteBlob(p.digest(), p.version());
                metrics.deleted(p.row().size());
            } catch (VersionConflictException storedAgain) {
                // a writer stored the digest anew, under keys of its own: its row stays
            }
            metadata.complete(p.item());
        }
    }
}
