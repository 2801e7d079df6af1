package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.WorkItem;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's share of garbage collection: each poll, the due items of every queue partition the node owns
 * are reviewed, several at once, and the blobs that reached purging are deleted in one batch per partition.
 * There is no leader: ownership of a partition follows the cluster's partition table, so a dead node's
 * partitions pass to the survivors with their items still due (an item is completed only when its review is
 * done). Two nodes reviewing one partition during a migration is harmless: every step is a compare-and-set.
 */
public final class GarbageCollector {
    private static final Logger LOG = Logger.getLogger(GarbageCollector.class.getName());
    /** Polls of one partition in a row while it keeps returning full batches, before moving on. */
    private static final int ROUNDS_PER_PARTITION = 20;

    private final MetadataStore metadata;
    private final GcControl control;
    private final BlobReview blobs;
    private final ManifestReview manifests;
    private final Purger purger;
    private final IntPredicate owns;
    private final Clock clock;
    private final GcMetrics metrics;
    private final int batch;
    private final int concurrency;

    GarbageCollector(MetadataStore metadata, BlobStore blobStore, GcControl control, BlobReview blobs,
                     ManifestReview manifests, IntPredicate owns, Clock clock, GcMetrics metrics, GcSettings settings,
                     RateLimit deletes, RateLimit transitions, GcFailpoints failpoints) {
        this.metadata = metadata;
        this.control = control;
        this.blobs = blobs;
        this.manifests = manifests;
        this.purger = new Purger(blobStore, metadata, deletes, transitions, failpoints, metrics);
        this.owns = owns;
        this.clock = clock;
        this.metrics = metrics;
        this.batch = settings.batch();
        this.concurrency = settings.concurrency();
    }

    /** One poll over the owned partitions; does nothing while paused. Never throws. */
    public void poll() {
        try {
            if (control.refresh()) {
                return;
            }
            for (int p = 0; p < GcQueue.PARTITIONS; p++) {
                if (owns.test(p)) {
                    drain(p);
                } else {
                    metrics.queue(p, 0, 0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // one line, not a trace: during a store outage this repeats every poll
            metrics.error();
            LOG.warning("garbage collection poll failed; the next poll retries: " + e);
        }
    }

    private void drain(int partition) throws InterruptedException {
        for (int round = 0; round < ROUNDS_PER_PARTITION; round++) {
            Instant now = clock.instant();
            List<WorkItem> due = metadata.dueItems(GcQueue.NAME, partition, now, batch);
            int failed = reviewAll(due);
            // A full batch may hide more; otherwise what stays due is what failed (done or rescheduled items are not).
            int left = due.size() == batch ? batch : failed;
            long oldest = left == 0 ? 0 : Math.max(0, Duration.between(due.getFirst().dueAt(), now).toMillis());
            metrics.queue(partition, left, oldest);
            if (due.size() < batch || control.refresh()) {
                return;
            }
        }
    }

    /** Reviews a batch and deletes what reached purging; returns how many items stay due because they failed. */
    private int reviewAll(List<WorkItem> due) throws InterruptedException {
        if (due.isEmpty()) {
            return 0;
        }
        int failed = 0;
        List<Purge> purges = new ArrayList<>();
        Semaphore slots = new Semaphore(concurrency);
        List<Future<Optional<Purge>>> reviews = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WorkItem item : due) {
                slots.acquire();
                reviews.add(pool.submit(() -> {
                    try {
                        return reviewOne(item);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<Optional<Purge>> review : reviews) {
                try {
                    review.get().ifPresent(purges::add);
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    metrics.error();
                    LOG.log(Level.WARNING, "a garbage-collection review failed; it stays due", e.getCause());
                }
            }
        }
        try {
            purger.purge(purges);
        } catch (IOException | RuntimeException e) {
            failed += purges.size();
            metrics.error();
            LOG.log(Level.WARNING, "deleting " + purges.size() + " purging blobs failed; they stay due", e);
        }
        return failed;
    }

    private Optional<Purge> reviewOne(WorkItem item) throws InterruptedException {
        metrics.reviewed();
        Digest blob = GcQueue.blobOf(item);
        if (blob != null) {
            return blobs.review(item, blob);
        }
        GcQueue.ManifestSubject manifest = GcQueue.manifestOf(item);
        if (manifest != null) {
            manifests.review(item, manifest);
        }
        // any other kind is a newer node's: it stays due for a node that understands it
        return Optional.empty();
    }
}
