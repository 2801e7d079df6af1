package io.flotilla.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One measured quantity (say, a 512 MiB monolithic push) and every contestant's measurement of it. The
 * contestants expected in the row are fixed up front, so one that was never measured shows as a failure
 * instead of silently missing.
 */
public final class Row {
    private final String id;
    private final String label;
    private final Unit unit;
    private final List<String> expected;
    private final Map<String, Measurement> measurements = new LinkedHashMap<>();

    public Row(String id, String label, Unit unit, List<String> expected) {
        this.id = id;
        this.label = label;
        this.unit = unit;
        this.expected = List.copyOf(expected);
        expected.forEach(c -> measurements.put(c, Measurement.empty()));
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public List<String> expected() {
        return expected;
    }

    public synchronized void sample(String contestant, double value) {
        update(contestant, m -> m.withSample(value));
    }

    public synchronized void latency(String contestant, double p50Ms, double p99Ms) {
        update(contestant, m -> m.withLatency(p50Ms, p99Ms));
    }

    public synchronized void entries(String contestant, int count) {
        update(contestant, m -> m.withEntries(count));
    }

    public synchronized void fail(String contestant, String reason) {
        update(contestant, m -> m.withFailure(reason));
    }

    public synchronized boolean failed(String contestant) {
        return measurement(contestant).map(Measurement::failed).orElse(false);
    }

    public synchronized Optional<Measurement> measurement(String contestant) {
        return Optional.ofNullable(measurements.get(contestant));
    }

    /** Every contestant's measurement, expected ones first, in the order they were named. */
    public synchronized Map<String, Measurement> measurements() {
        return new LinkedHashMap<>(measurements);
    }

    /** Why each expected contestant has no usable number, if it has none: contestant to reason. */
    public synchronized Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String c : expected) {
            Measurement m = measurements.get(c);
            if (m.failed()) {
                problems.put(c, m.failure());
            } else if (m.samples().isEmpty()) {
                problems.put(c, "not measured");
            }
        }
        return problems;
    }

    private void update(String contestant, java.util.function.UnaryOperator<Measurement> change) {
        measurements.put(contestant, change.apply(measurements.getOrDefault(contestant, Measurement.empty())));
    }
}
