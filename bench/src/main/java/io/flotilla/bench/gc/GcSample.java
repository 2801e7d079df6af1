package io.flotilla.bench.gc;

/**
 * The cluster's GC counters {@code seconds} after GC was resumed, less what they read before seeding.
 */
public record GcSample(double seconds, GcCounters counters) {
}
