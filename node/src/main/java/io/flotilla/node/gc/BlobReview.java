package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Moves one blob's row along {@code live → marked → purging} by compare-and-set on the version it read, so
 * that any writer's ref_epoch bump in between makes the step fail. A review may run twice, or on two nodes at
 * once during a migration: each step re-reads and re-decides, and the loser of a race only reschedules.
 *
 * <p>Before marking, the item is first moved to {@code now + grace}: a crash right after the mark still
 * leaves a review due, and not before the grace has passed. The bytes are deleted by {@link Purger}.
 */
final class BlobReview {
    private final MetadataStore metadata;
    private final GcQueue queue;
    private final ReadMarks reads;
    private final Clock clock;
    private final Duration grace;
    private final RateLimit transitions;
    private final GcFailpoints failpoints;
    private final GcMetrics metrics;

    BlobReview(MetadataStore metadata, GcQueue queue, ReadMarks reads, Clock clock, Duration grace,
               RateLimit transitions, GcFailpoints failpoints, GcMetrics metrics) {
        this.metadata = metadata;
        this.queue = queue;
        this.reads = reads;
        this.clock = clock;
        this.grace = grace;
        this.transitions = transitions;
        this.failpoints = failpoints;
        this.metrics = metrics;
    }

    /** Reviews one blob; returns it when it is purging and its bytes are to go. */
    Optional<Purge> review(WorkItem item, Digest digest) throws InterruptedException {
        Optional<Versioned<BlobRecord>> row = metadata.getBlob(digest);
        BlobVerdict verdict = verdictOf(digest, row);
        Instant now = clock.instant();
        switch (verdict.action()) {
            case FORGET, KEEP -> metadata.complete(item);
            case WAIT -> queue.reviewBlobAt(digest, verdict.quietUntil());
            case MARK -> {
                failpoints.reached(GcWindow.BEFORE_MARK, digest);
                queue.reviewBlobAt(digest, now.plus(grace));
                step(digest, row.get(), GcState.MARKED);
            }
            case REVIVE -> {
                if (revive(digest, row.get())) {
                    queue.reviewBlobAt(digest, verdict.quietUntil());
                } else {
                    queue.reviewBlobAt(digest, now);
                }
            }
            case PURGE -> {
                failpoints.reached(GcWindow.BEFORE_PURGE, digest);
                Optional<Long> version = step(digest, row.get(), GcState.PURGING);
                if (version.isEmpty()) {
                    queue.reviewBlobAt(digest, now);
                    return Optional.empty();
                }
                return Optional.of(new Purge(item, digest, row.get().value().inState(GcState.PURGING), version.get()));
            }
            case DELETE -> {
                return Optional.of(new Purge(item, digest, row.get().value(), row.get().version()));
            }
        }
        return Optional.empty();
    }

    /** What a review of the blob whose row is {@code row} would do now; reads its references, writes nothing. */
    BlobVerdict verdictOf(Digest digest, Optional<Versioned<BlobRecord>> row) {
        if (row.isEmpty() || row.get().value().state() == GcState.PURGING) {
            return BlobVerdict.of(row, false, Optional.empty(), clock.instant(), queue.delay());
        }
        boolean referenced = !metadata.listBlobRefs(digest, 1).isEmpty();
        Optional<Instant> lastRead = referenced ? Optional.empty() : reads.lastRead(digest);
        return BlobVerdict.of(row, referenced, lastRead, clock.instant(), queue.delay());
    }

    /** One compare-and-set step; the row's new version, or empty when a writer changed it first. */
    private Optional<Long> step(Digest digest, Versioned<BlobRecord> row, GcState next) throws InterruptedException {
        transitions.acquire(1);
        try {
            long version = metadata.putBlob(digest, row.value().inState(next), row.version());
            metrics.movedTo(next);
            return Optional.of(version);
        } catch (VersionConflictException writerWasFirst) {
            // a writer bumped the epoch (or another reviewer moved it): the rescheduled review looks again
            return Optional.empty();
        }
    }

    private boolean revive(Digest digest, Versioned<BlobRecord> row) throws InterruptedException {
        transitions.acquire(1);
        try {
            metadata.putBlob(digest, row.value().withRefEpochBumped(row.value().touched()), row.version());
            metrics.revived();
            return true;
        } catch (VersionConflictException writerWasFirst) {
            return false;
        }
    }
}
