package io.flotilla.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One contestant's numbers in one row: the samples (one per run), and for load rows the latency
 * percentiles and, for listings, how many entries one response held. A failed measurement keeps the samples
 * it got but has no median, so nothing is compared against it.
 *
 * @param samples  one value per run, in the row's unit
 * @param p50Ms    median latency of a load row, else null
 * @param p99Ms    99th percentile latency of a load row, else null
 * @param entries  entries in one listing response, else null
 * @param failure  why the measurement is incomplete, or null
 */
public record Measurement(List<Double> samples, Double p50Ms, Double p99Ms, Integer entries, String failure) {

    public Measurement {
        samples = List.copyOf(samples);
    }

    static Measurement empty() {
        return new Measurement(List.of(), null, null, null, null);
    }

    public boolean failed() {
        return failure != null;
    }

    /** The median of the samples; null when there are none or the measurement failed. */
    public Double median() {
        if (failed() || samples.isEmpty()) {
            return null;
        }
        return median(samples);
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    Measurement withSample(double value) {
        List<Double> more = new ArrayList<>(samples);
        more.add(value);
        return new Measurement(more, p50Ms, p99Ms, entries, failure);
    }

    Measurement withLatency(double p50, double p99) {
        return new Measurement(samples, p50, p99, entries, failure);
    }

    Measurement withEntries(int count) {
        return new Measurement(samples, p50Ms, p99Ms, count, failure);
    }

    Measurement withFailure(String reason) {
        // The first reason is the cause; later ones usually follow from it.
        return new Measurement(samples, p50Ms, p99Ms, entries, failure != null ? failure : reason);
    }
}
