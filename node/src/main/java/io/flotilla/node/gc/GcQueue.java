package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.WorkItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The review queue of garbage collection, in the metadata store's time-bucketed work queues. Every trigger
 * (a manifest deleted, a tag moved or deleted, a new blob, an expired upload) enqueues a review {@code delay}
 * ahead; re-enqueueing the same subject replaces its due time, so the latest trigger wins and a subject has
 * one pending review at most.
 *
 * <p>Items are spread over {@link #PARTITIONS} fixed queue partitions by a hash of their subject; which node
 * reviews a partition is the cluster's business ({@link GarbageCollector}). The count is fixed because items
 * are stored under their partition number: changing it would strand them.
 */
public final class GcQueue {
    public static final String NAME = "gc";
    public static final int PARTITIONS = 64;
    private static final String BLOB = "b:";
    private static final String MANIFEST = "m:";

    private final MetadataStore metadata;
    private final Clock clock;
    private final Duration delay;
    private final String payload;

    /** @param dc this node's data centre, recorded in every item as its home */
    public GcQueue(MetadataStore metadata, Clock clock, Duration delay, String dc) {
        this.metadata = metadata;
        this.clock = clock;
        this.delay = delay;
        this.payload = "{\"dc\":\"" + dc.replace("\"", "") + "\"}";
    }

    /** A blob may have lost its last user: review it after the delay. */
    public void reviewBlob(Digest digest) {
        reviewBlobAt(digest, clock.instant().plus(delay));
    }

    public void reviewBlobs(Collection<Digest> digests) {
        Instant due = clock.instant().plus(delay);
        for (Digest d : digests) {
            reviewBlobAt(d, due);
        }
    }

    /** Schedules (or moves) a blob's review to {@code due}: the collector's own rescheduling. */
    public void reviewBlobAt(Digest digest, Instant due) {
        String id = BLOB + digest;
        metadata.enqueue(new WorkItem(NAME, partitionOf(id), id, due, payload));
    }

    /** A manifest may have lost its last tag, or its subject: review it against the untagged policy. */
    public void reviewManifest(RepositoryName repo, Digest digest) {
        reviewManifestAt(repo, digest, clock.instant().plus(delay));
    }

    public void reviewManifestAt(RepositoryName repo, Digest digest, Instant due) {
        String id = MANIFEST + repo + "@" + digest;
        metadata.enqueue(new WorkItem(NAME, partitionOf(id), id, due, payload));
    }

    public Duration delay() {
        return delay;
    }

    /** The blob an item reviews, or null when it reviews a manifest. */
    public static Digest blobOf(WorkItem item) {
        return item.id().startsWith(BLOB) ? Digest.parse(item.id().substring(BLOB.length())) : null;
    }

    /** A manifest under review. */
    public record ManifestSubject(RepositoryName repo, Digest digest) {
        @Override
        public String toString() {
            return repo + "@" + digest;
        }
    }

    /** The manifest an item reviews, or null when it reviews a blob. */
    public static ManifestSubject manifestOf(WorkItem item) {
        if (!item.id().startsWith(MANIFEST)) {
            return null;
        }
        int at = item.id().lastIndexOf('@');
        return new ManifestSubject(RepositoryName.parse(item.id().substring(MANIFEST.length(), at)),
                Digest.parse(item.id().substring(at + 1)));
    }

    static int partitionOf(String id) {
        // String.hashCode is specified, so every node and every release agrees on the partition.
        return Math.floorMod(id.hashCode(), PARTITIONS);
    }
}
