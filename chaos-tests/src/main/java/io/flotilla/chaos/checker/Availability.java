package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the registry served clients during each fault and outside them: per {@link FaultWindows fault window}
 * name, and for "no-fault", the ok / fail / info counts, operations per second and latency (p50, p99, max,
 * invoke to completion, in ms) of client operations, counted in every window open when they were invoked.
 *
 * <p>Mostly a report: it is valid unless built with a minimum success ratio for operations invoked while no
 * fault was in force, which catches a cluster that never recovers after a heal.
 */
public final class Availability implements Checker {

    public static final String NO_FAULT = "no-fault";

    private final double minSuccessRatioWithoutFaults;

    /** Reports only: always valid. */
    public Availability() {
        this(0.0);
    }

    /** Invalid if less than this share (0..1) of the operations invoked outside every fault window succeeded. */
    public Availability(double minSuccessRatioWithoutFaults) {
        if (minSuccessRatioWithoutFaults < 0 || minSuccessRatioWithoutFaults > 1) {
            throw new IllegalArgumentException("a ratio is 0..1: " + minSuccessRatioWithoutFaults);
        }
        this.minSuccessRatioWithoutFaults = minSuccessRatioWithoutFaults;
    }

    @Override
    public String name() {
        return "availability";
    }

    @Override
    public Verdict check(History history) {
        List<FaultWindow> windows = FaultWindows.of(history);
        Map<String, OutcomeTally> byWindow = new LinkedHashMap<>();
        Map<String, Long> nanosByWindow = new LinkedHashMap<>();
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        for (FaultWindow w : windows) {
            byWindow.computeIfAbsent(w.name(), n -> new OutcomeTally());
            nanosByWindow.merge(w.name(), w.durationNanos(), Long::sum);
            occurrences.merge(w.name(), 1, Integer::sum);
        }
        OutcomeTally noFault = new OutcomeTally();
        for (Operation op : history.operations()) {
            if (op.process() == Op.NEMESIS || op.process() >= Op.PHASE_PROCESS_BASE) {
                continue;  // faults, and a workload's own phases (GC probes): not what clients were served
            }
            boolean inFault = false;
            for (FaultWindow w : windows) {
                if (w.contains(op.invokeNanos())) {
                    byWindow.get(w.name()).add(op);
                    inFault = true;
                }
            }
            if (!inFault) {
                noFault.add(op);
            }
        }

        Map<String, Object> windowStats = new LinkedHashMap<>();
        byWindow.forEach((name, tally) -> {
            Map<String, Object> s = tally.stats(nanosByWindow.get(name) / 1e9);
            s.put("occurrences", occurrences.get(name));
            windowStats.put(name, s);
        });
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put(NO_FAULT, noFault.stats(noFaultNanos(history.ops(), windows) / 1e9));
        stats.put("windows", windowStats);
        stats.put("intervals", intervals(windows));

        List<String> evidence = new ArrayList<>();
        if (noFault.total() > 0 && noFault.successRatio() < minSuccessRatioWithoutFaults) {
            evidence.add(String.format(Locale.ROOT, "outside fault windows only %.3f of %d operations succeeded,"
                    + " below the %.3f required", noFault.successRatio(), noFault.total(),
                    minSuccessRatioWithoutFaults));
        }
        return new Verdict(name(), evidence.isEmpty(), evidence, stats);
    }

    /** From the first event to the last, the time no window covered. */
    private static long noFaultNanos(List<Op> events, List<FaultWindow> windows) {
        if (events.isEmpty()) {
            return 0;
        }
        long start = events.getFirst().timeNanos();
        long end = events.getLast().timeNanos();
        long covered = 0;
        long coveredUpTo = start;
        for (FaultWindow w : windows) { // sorted by open time
            long from = Math.max(w.openNanos(), coveredUpTo);
            long to = Math.min(w.closeNanos(), end);
            if (to > from) {
                covered += to - from;
                coveredUpTo = to;
            }
        }
        return end - start - covered;
    }

    /** Every window in time order, for shading report.html's charts. */
    private static List<Map<String, Object>> intervals(List<FaultWindow> windows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (FaultWindow w : windows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name());
            m.put("open-ms", w.openNanos() / 1e6);
            m.put("applied-ms", w.appliedNanos() < 0 ? null : w.appliedNanos() / 1e6);
            m.put("close-ms", w.closeNanos() / 1e6);
            list.add(m);
        }
        return list;
    }
}
