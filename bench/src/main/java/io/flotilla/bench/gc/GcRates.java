package io.flotilla.bench.gc;

import java.util.List;

/**
 * Rates per minute over a collection, from the samples taken after GC was resumed.
 *
 * <p>{@code elapsed} runs from the resume to the first sample that saw every seeded blob deleted (or to the
 * last sample when the run timed out), so it includes the pipeline's own latency: the first review, a grace
 * period between marked and purging, the sampling interval. The steady rate leaves those out: blobs deleted
 * between the samples that first saw 10% and 90% of them deleted, over the time between those samples.
 *
 * @param target             blobs seeded, all of them collectable
 * @param complete           every one of them was deleted before the timeout
 * @param elapsed            seconds from resume to completion (or to the last sample)
 * @param firstDeleteSeconds seconds from resume to the first sample with a deletion; NaN if none
 * @param totals             the counters at the end
 * @param steadyDeletedPerMinute blobs deleted per minute between 10% and 90%; NaN if the samples cannot tell
 */
public record GcRates(long target, boolean complete, double elapsed, double firstDeleteSeconds, GcCounters totals,
                      double steadyDeletedPerMinute) {

    public static GcRates of(List<GcSample> samples, long target) {
        if (samples.isEmpty()) {
            return new GcRates(target, false, 0, Double.NaN, GcCounters.ZERO, Double.NaN);
        }
        GcSample end = samples.stream().filter(s -> s.counters().blobsDeleted() >= target).findFirst()
                .orElse(samples.getLast());
        boolean complete = end.counters().blobsDeleted() >= target;
        double firstDelete = samples.stream().filter(s -> s.counters().blobsDeleted() > 0)
                .mapToDouble(GcSample::seconds).findFirst().orElse(Double.NaN);
        return new GcRates(target, complete, end.seconds(), firstDelete, end.counters(),
                steady(samples, target));
    }

    private static double steady(List<GcSample> samples, long target) {
        GcSample low = first(samples, 0.1 * target);
        GcSample high = first(samples, 0.9 * target);
        if (low == null || high == null || high.seconds() <= low.seconds()) {
            return Double.NaN;
        }
        return (high.counters().blobsDeleted() - low.counters().blobsDeleted())
                / (high.seconds() - low.seconds()) * 60;
    }

    private static GcSample first(List<GcSample> samples, double deleted) {
        return samples.stream().filter(s -> s.counters().blobsDeleted() >= deleted).findFirst().orElse(null);
    }

    /** {@code count} per minute over {@code elapsed}; NaN before any time passed. */
    public double perMinute(double count) {
        return elapsed > 0 ? count / elapsed * 60 : Double.NaN;
    }

    public double deletedPerMinute() {
        return perMinute(totals.blobsDeleted());
    }

    public double deleteCallsPerMinute() {
        return perMinute(totals.deleteCalls());
    }

    public double transitionsPerMinute() {
        return perMinute(totals.forwardTransitions());
    }
}
