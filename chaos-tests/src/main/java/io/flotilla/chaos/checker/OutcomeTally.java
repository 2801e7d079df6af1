package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outcomes and latencies of the client operations of one period (a fault window, or no fault). */
final class OutcomeTally {

    private int ok;
    private int fail;
    private int info;
    private final List<Long> latencies = new ArrayList<>();

    void add(Operation op) {
        switch (op.type()) {
            case OK -> ok++;
            case FAIL -> fail++;
            default -> info++;
        }
        if (op.completion() != null) {
            latencies.add(op.completeNanos() - op.invokeNanos());
        }
    }

    int total() {
        return ok + fail + info;
    }

    /** Share of operations that succeeded; 1 when there were none, since nothing was refused. */
    double successRatio() {
        return total() == 0 ? 1.0 : (double) ok / total();
    }

    /** The numbers report.html shows; {@code seconds} is how long the period lasted in all. */
    Map<String, Object> stats(double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seconds", round(seconds));
        s.put("ok", ok);
        s.put("fail", fail);
        s.put("info", info);
        s.put("ops-per-second", seconds > 0 ? round(total() / seconds) : 0.0);
        s.put("success-ratio", round(successRatio()));
        List<Long> sorted = latencies.stream().sorted().toList();
        s.put("latency-p50-ms", millis(percentile(sorted, 50)));
        s.put("latency-p99-ms", millis(percentile(sorted, 99)));
        s.put("latency-max-ms", millis(sorted.isEmpty() ? 0 : sorted.getLast()));
        return s;
    }

    /** Nearest-rank percentile: the smallest latency at least p% of operations did not exceed. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
