package io.flotilla.node.gc;

import io.flotilla.storage.spi.GcState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/** What this node's collector did, under {@code flotilla_gc_*}. */
public final class GcMetrics {
    private final Counter reviewed;
    private final Counter marked;
    private final Counter purging;
    private final Counter gone;
    private final Counter revived;
    private final Counter live;
    private final Counter blobsDeleted;
    private final Counter bytesDeleted;
    private final Counter deleteCalls;
    private final Counter manifestsDeleted;
    private final Counter errors;
    private final Counter scrubChecked;
    private final Counter referencedMissing;
    private final AtomicLongArray dueItems = new AtomicLongArray(GcQueue.PARTITIONS);
    private final AtomicLongArray oldestDueMillis = new AtomicLongArray(GcQueue.PARTITIONS);

    public GcMetrics(MeterRegistry registry, BooleanSupplier paused) {
        reviewed = counter(registry, "flotilla.gc.items.reviewed", "review items this node processed");
        marked = transition(registry, "marked");
        purging = transition(registry, "purging");
        gone = transition(registry, "gone");
        revived = counter(registry, "flotilla.gc.revived", "marked blobs found in use again and set live");
        live = transition(registry, "live");
        blobsDeleted = counter(registry, "flotilla.gc.blobs.deleted", "blobs whose bytes and row were deleted");
        // no base unit: Micrometer would append it, and the documented name is flotilla_gc_bytes_deleted_total
        bytesDeleted = counter(registry, "flotilla.gc.bytes.deleted", "bytes of the blobs deleted");
        deleteCalls = counter(registry, "flotilla.gc.delete.calls", "delete requests sent to the blob store");
        manifestsDeleted = counter(registry, "flotilla.gc.manifests.deleted",
                "untagged manifests, and referrers of deleted subjects, deleted by policy");
        errors = counter(registry, "flotilla.gc.errors", "reviews that failed and will be retried");
        scrubChecked = counter(registry, "flotilla.gc.scrub.checked", "references the scrub checked");
        referencedMissing = counter(registry, "flotilla.gc.referenced.blob.missing",
                "blobs referenced by a live manifest but missing from the metadata or blob store: alert on any");
        Gauge.builder("flotilla.gc.paused", () -> paused.getAsBoolean() ? 1 : 0)
                .description("1 while garbage collection is paused cluster-wide").register(registry);
        for (int p = 0; p < GcQueue.PARTITIONS; p++) {
            int partition = p;
            Gauge.builder("flotilla.gc.queue.due.items", () -> dueItems.get(partition))
                    .description("review items of a queue partition this node owns left due by its last poll")
                    .tag("partition", Integer.toString(p)).register(registry);
            Gauge.builder("flotilla.gc.queue.oldest.due.seconds", () -> oldestDueMillis.get(partition) / 1000.0)
                    .description("how long the oldest item left due by the last poll of a queue partition has waited")
                    .tag("partition", Integer.toString(p)).register(registry);
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private static Counter transition(MeterRegistry registry, String to) {
        return Counter.builder("flotilla.gc.transitions").tag("to", to)
                .description("blob state changes by compare-and-set, by the state moved to").register(registry);
    }

    void reviewed() {
        reviewed.increment();
    }

    void movedTo(GcState state) {
        (state == GcState.MARKED ? marked : purging).increment();
    }

    void revived() {
        revived.increment();
        live.increment();
    }

    void deleted(long bytes) {
        gone.increment();
        blobsDeleted.increment();
        bytesDeleted.increment(bytes);
    }

    void deleteCall() {
        deleteCalls.increment();
    }

    void manifestDeleted() {
        manifestsDeleted.increment();
    }

    void error() {
        errors.increment();
    }

    void scrubbed(int checked, int missing) {
        scrubChecked.increment(checked);
        referencedMissing.increment(missing);
    }

    /** Records the items a poll of {@code partition} left due and the age of the oldest; zeros when not owned. */
    void queue(int partition, int due, long oldestMillis) {
        dueItems.set(partition, due);
        oldestDueMillis.set(partition, oldestMillis);
    }

    /** Counters a report reads back: reviewed, marked, purging, gone, revived, bytes deleted, errors. */
    public Map<String, Double> totals() {
        return Map.of("reviewed", reviewed.count(), "marked", marked.count(), "purging", purging.count(),
                "gone", gone.count(), "revived", revived.count(), "bytesDeleted", bytesDeleted.count(),
                "deleteCalls", deleteCalls.count(), "manifestsDeleted", manifestsDeleted.count(),
                "errors", errors.count(), "referencedMissing", referencedMissing.count());
    }
}
