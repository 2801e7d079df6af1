package io.flotilla.node.gc;

import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;

import java.io.IOException;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Garbage collection on one node, assembled: the collector polling its partitions, the scrub, and what the
 * admin API reads and changes (pause, untagged policies, the dry run, this node's totals).
 */
public final class GarbageCollection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GarbageCollection.class.getName());

    private final GcSettings settings;
    private final GcControl control;
    private final UntaggedPolicies policies;
    private final GarbageCollector collector;
    private final DryRun dryRun;
    private final ReferenceScrub scrub;
    private final GcMetrics metrics;
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, Thread.ofVirtual().name("gc-", 0).factory());

    /**
     * @param ownsPartition whether this node reviews a queue partition now (the cluster's ownership of it)
     */
    public GarbageCollection(GcSettings settings, MetadataStore metadata, BlobStore blobStore, GcQueue queue,
                             ReadMarks reads, ManifestOperations registry, IntPredicate ownsPartition,
                             GcControl control, GcMetrics metrics, Clock clock, GcFailpoints failpoints) {
        this.settings = settings;
        this.control = control;
        this.metrics = metrics;
        this.policies = new UntaggedPolicies(metadata, settings.untagged());
        RateLimit transitions = new RateLimit(settings.transitionsPerSecond());
        RateLimit deletes = new RateLimit(settings.deletesPerSecond());
        BlobReview blobs = new BlobReview(metadata, queue, reads, clock, settings.grace(), transitions, failpoints,
                metrics);
        ManifestReview manifests = new ManifestReview(metadata, registry, policies, queue, clock, metrics,
                failpoints);
        this.collector = new GarbageCollector(metadata, blobStore, control, blobs, manifests, ownsPartition, clock,
                metrics, settings, deletes, transitions, failpoints);
        this.dryRun = new DryRun(metadata, blobs, manifests, queue, clock);
        this.scrub = new ReferenceScrub(metadata, blobStore, metrics, new Random());
    }

    /** Starts polling and scrubbing in the background, when enabled. */
    public GarbageCollection start() {
        if (settings.enabled()) {
            long every = settings.interval().toMillis();
            scheduler.scheduleWithFixedDelay(collector::poll, every, every, TimeUnit.MILLISECONDS);
            long scrubEvery = settings.scrubInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::scrubOnce, scrubEvery, scrubEvery, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One poll, now, on the caller's thread: for tests that step the collector themselves. */
    public void pollNow() {
        collector.poll();
    }

    private void scrubOnce() {
        try {
            scrub.sample(settings.scrubSample());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the reference scrub failed; it runs again later", e);
        }
    }

    /** Runs one scrub now; returns how many referenced blobs it found missing. */
    public int scrubNow() throws IOException {
        return scrub.sample(settings.scrubSample());
    }

    public GcSettings settings() {
        return settings;
    }

    public GcControl control() {
        return control;
    }

    public UntaggedPolicies policies() {
        return policies;
    }

    public DryRun dryRun() {
        return dryRun;
    }

    public GcMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
