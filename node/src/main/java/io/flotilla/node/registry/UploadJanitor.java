package io.flotilla.node.registry;

import io.flotilla.cluster.UploadSessions;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes uploads nobody touched for the upload TTL: their staged bytes first, then their row, so a
 * crash in between leaves a row that the next sweep finishes. An upload whose commit crashed after its
 * blob row was written keeps its bytes, which now belong to the blob.
 */
public final class UploadJanitor {
    private static final Logger LOG = Logger.getLogger(UploadJanitor.class.getName());
    private static final int BATCH = 100;

    private final BlobStore blobStore;
    private final MetadataStore metadata;
    private final UploadSessions sessions;
    private final Clock clock;
    private final Duration ttl;
    private final GcQueue gc;

    public UploadJanitor(BlobStore blobStore, MetadataStore metadata, UploadSessions sessions, Clock clock, Duration ttl,
                         GcQueue gc) {
        this.gc = gc;
        this.blobStore = blobStore;
        this.metadata = metadata;
        this.sessions = sessions;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** One sweep; returns how many uploads it removed. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(ttl);
        try {
            blobStore.sweepDebris(cutoff);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not sweep the blob store's debris; next sweep retries", e);
        }
        List<UploadRecord> expired = metadata.listUploadsTouchedBefore(cutoff, BATCH);
        int removed = 0;
        for (UploadRecord upload : expired) {
            try {
                if (!belongsToCommittedBlob(upload)) {
                    blobStore.abortStaging(upload.id());
                }
                if (upload.committedAs() != null) {
                    gc.reviewBlob(upload.committedAs()); // its commit may have stopped between row and link
                }
                metadata.deleteUpload(upload.id());
                sessions.remove(upload.id());
                removed++;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not remove expired upload " + upload.id() + "; next sweep retries", e);
            }
        }
        return removed;
    }

    private boolean belongsToCommittedBlob(UploadRecord upload) {
        if (upload.committedAs() == null) {
            return false;
        }
        Optional<BlobRecord> blob = metadata.getBlob(upload.committedAs()).map(Versioned::value);
        return blob.isPresent() && blob.get().location().pieces().containsAll(upload.pieces());
    }
}
