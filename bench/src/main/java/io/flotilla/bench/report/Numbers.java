package io.flotilla.bench.report;

import java.util.Locale;

/** How the tables print numbers: enough digits to compare, no more. */
final class Numbers {

    private Numbers() {
    }

    /** A rate or throughput: whole numbers from 1000 up, one decimal from 10, two below. */
    static String value(Double v) {
        if (v == null) {
            return "n/a";
        }
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.01 || a == 0 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** A latency in milliseconds. */
    static String millis(Double ms) {
        if (ms == null) {
            return "-";
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : ms >= 0.01 ? "%.2f" : "%.3f", ms);
    }

    static String ratio(Double r) {
        return r == null ? "n/a" : String.format(Locale.ROOT, r >= 100 ? "%.0fx" : "%.2fx", r);
    }

    /** As {@link #ratio(Double)}, with a third decimal when two would round it onto its goal's line. */
    static String ratio(Double r, Goal goal) {
        if (r != null && goal.hasTarget() && r < 100 && Math.abs(r - goal.minRatio()) < 0.005) {
            return String.format(Locale.ROOT, "%.3fx", r);
        }
        return ratio(r);
    }

    static String met(Goal goal, Boolean met) {
        if (goal.exempt()) {
            return "exempt";
        }
        if (!goal.hasTarget()) {
            return "-";
        }
        return met == null ? "n/a" : met ? "yes" : "**no**";
    }
}
