package io.flotilla.bench.report;

import java.util.Locale;

/**
 * What a comparison must reach: a least ratio, and for small requests also a most p99 latency of the subject.
 * {@link #NONE} is for comparisons that only inform; {@link #EXEMPT} for rows the issue exempts.
 *
 * @param minRatio  the ratio the subject must reach, or NaN for none
 * @param maxP99Ms  the subject's p99 must not exceed this, or null for no latency goal
 * @param exempt    true when the row is exempt from goals (shown as "exempt")
 */
public record Goal(double minRatio, Double maxP99Ms, boolean exempt) {

    public static final Goal NONE = new Goal(Double.NaN, null, false);
    public static final Goal EXEMPT = new Goal(Double.NaN, null, true);

    public static Goal atLeast(double ratio) {
        return new Goal(ratio, null, false);
    }

    public static Goal atLeast(double ratio, double maxP99Ms) {
        return new Goal(ratio, maxP99Ms, false);
    }

    public boolean hasTarget() {
        return !Double.isNaN(minRatio);
    }

    /** True or false when there is a target and the numbers to judge it; null otherwise. */
    public Boolean met(Double ratio, Double subjectP99Ms) {
        if (!hasTarget() || ratio == null) {
            return null;
        }
        boolean ok = ratio >= minRatio;
        if (maxP99Ms != null) {
            if (subjectP99Ms == null) {
                return null;
            }
            ok &= subjectP99Ms <= maxP99Ms;
        }
        return ok;
    }

    /** As a table shows it, such as {@code >= 10x, p99 <= 10 ms}. */
    public String describe() {
        if (exempt) {
            return "exempt";
        }
        if (!hasTarget()) {
            return "-";
        }
        String text = String.format(Locale.ROOT, ">= %sx", trim(minRatio));
        return maxP99Ms == null ? text : text + String.format(Locale.ROOT, ", p99 <= %s ms", trim(maxP99Ms));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
