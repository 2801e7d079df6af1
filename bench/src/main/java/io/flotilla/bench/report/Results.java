package io.flotilla.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run found: facts about the run, the rows of measurements and the comparisons drawn from them.
 * Rows are filled by the measurements as they go (from one thread at a time, or several for the fixtures);
 * the renderers read them at the end.
 */
public final class Results {
    private final RunInfo info;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> phaseLoads = new LinkedHashMap<>();
    private String loadAtEnd = "";

    /**
     * Facts about the run for the header.
     *
     * @param smoke        true for a --smoke run (tiny sizes, one iteration)
     * @param started      when the run started
     * @param machine      one line about the box
     * @param java         the runner's Java
     * @param loadAtStart  load averages when the run started
     */
    public record RunInfo(boolean smoke, Instant started, String machine, String java, String loadAtStart) {
    }

    /** A comparison's numbers: medians, their ratio (null if either is missing) and whether it met its goal. */
    public record Outcome(Measurement subject, Measurement reference, Double ratio, Boolean met) {
    }

    public Results(RunInfo info) {
        this.info = info;
    }

    public RunInfo info() {
        return info;
    }

    public void add(Row row) {
        rows.put(row.id(), row);
    }

    public void add(Comparison comparison) {
        comparisons.add(comparison);
    }

    /** A line for the header's list of how things were set up (e.g. the peer's log level). */
    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** The load averages as a phase began: they show whether other work shared the CPUs during it. */
    public synchronized void phaseLoad(String phase, String load) {
        phaseLoads.put(phase, load);
    }

    public synchronized Map<String, String> phaseLoads() {
        return new LinkedHashMap<>(phaseLoads);
    }

    public void loadAtEnd(String load) {
        this.loadAtEnd = load;
    }

    public String loadAtEnd() {
        return loadAtEnd;
    }

    public Row row(String id) {
        Row row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no row " + id);
        }
        return row;
    }

    public Optional<Row> findRow(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }

    public List<Comparison> comparisons(Comparison.Table table) {
        return comparisons.stream().filter(c -> c.table() == table).toList();
    }

    public Optional<Measurement> measurement(Comparison.Ref ref) {
        return ref == null ? Optional.empty() : findRow(ref.rowId()).flatMap(r -> r.measurement(ref.contestant()));
    }

    public Outcome outcome(Comparison c) {
        Measurement subject = measurement(c.subject()).orElse(null);
        Measurement reference = measurement(c.reference()).orElse(null);
        Double ratio = null;
        if (subject != null && reference != null && subject.median() != null && reference.median() != null
                && reference.median() > 0) {
            ratio = subject.median() / reference.median();
        }
        Double p99 = subject == null ? null : subject.p99Ms();
        return new Outcome(subject, reference, ratio, c.goal().met(ratio, p99));
    }

    /** Every expected measurement that is missing or failed, as "row: contestant: reason". */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            row.problems().forEach((contestant, reason) ->
                    failures.add(row.label() + ": " + Contestants.display(contestant) + ": " + reason));
        }
        return failures;
    }
}
