package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Garbage collection never takes what is still needed, and does take the rest (the gc scenario's checker), by
 * the rules of {@link Retention} for a GC delay {@code D}:
 * <ol type="a">
 *   <li>no blob named by a live manifest is ever missing: not at a read (GET or HEAD) during the run, nor at the
 *       final reads, nor in the collection probe after them;</li>
 *   <li>no blob is missing within {@code D} of its last acknowledged push, or of the end of its last reference;</li>
 *   <li>after the final heal, every blob that {@link Collectable} says must go is seen {@code absent} by the
 *       collection probe ({@value #BLOB_STATE} ops, which do not count as reads) before it gave up.</li>
 * </ol>
 * "Missing" is a 404 to a blob GET or HEAD, a probe state of {@code purging} or {@code absent}, and, for (a) and
 * (b), a manifest PUT refused with MANIFEST_BLOB_UNKNOWN although every blob it names was protected. A live
 * manifest answered 404 is a violation too. Outside protection a 404 is the registry's right, not a lost write.
 *
 * <p>Valid only when (a) and (b) hold, (c) completed, and every node reported ({@value #SETTINGS}) that it runs
 * GC unpaused with delay {@code D}, the delay these rules assume. Its stats say how long collection took (from
 * the final heal, the end of the workload and the nemesis, until every such blob was seen absent; and the longest
 * a blob still present at the first probe took from its last use (the earliest instant it may count as
 * unreferenced, or its last read that found it, which postpones collection too) to absent) and what the nodes' metrics
 * ({@value #METRICS} ops) counted: blobs revived, blobs, bytes and manifests deleted.
 */
public final class GcSafety implements Checker {

    /** A node's GC settings, read before the workload: value "delaySeconds=N graceSeconds=N paused=B enabled=B". */
    public static final String SETTINGS = "gc-settings";
    /** A probe of one blob's GC state after the final reads: key the digest, OK value the state. */
    public static final String BLOB_STATE = "gc-blob-state";
    /** A node's GC counters at the end: key the node, OK value "name=N ..." (see {@link GcCounters}). */
    public static final String METRICS = "gc-metrics";

    private static final int MAX_EVIDENCE = 100;

    private final Duration delay;

    public GcSafety(Duration delay) {
        this.delay = delay;
    }

    @Override
    public String name() {
        return "gc-safety";
    }

    @Override
    public Verdict check(History history) {
        Retention retention = Retention.of(history, delay);
        List<String> evidence = new ArrayList<>(settingsProblems(history));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("delay-seconds", delay.toMillis() / 1000.0);
        evidence.addAll(new MissingObservations(retention).check(history, stats));
        evidence.addAll(new CollectionCheck(retention).check(history, stats));
        stats.putAll(GcCounters.summed(history));
        List<String> shown = evidence.size() <= MAX_EVIDENCE ? evidence : new ArrayList<>(evidence.subList(0, MAX_EVIDENCE));
        if (evidence.size() > MAX_EVIDENCE) {
            shown.add("... and " + (evidence.size() - MAX_EVIDENCE) + " more");
        }
        return new Verdict(name(), evidence.isEmpty(), shown, stats);
    }

    /** What is wrong with the nodes' reported GC settings, given the delay these rules assume. */
    private List<String> settingsProblems(History history) {
        List<String> problems = new ArrayList<>();
        int reports = 0;
        for (Operation op : history.operations()) {
            if (!op.f().equals(SETTINGS) || op.process() < Op.PHASE_PROCESS_BASE) {
                continue;
            }
            reports++;
            if (!op.is(Op.Type.OK)) {
                problems.add("node " + op.key() + " did not report its GC settings: " + op.describe());
                continue;
            }
            Map<String, String> s = GcCounters.pairs(op.received());
            String d = s.getOrDefault("delaySeconds", "?");
            if (!d.equals("?") && Double.parseDouble(d) * 1000 != delay.toMillis()) {
                problems.add("node " + op.key() + " runs GC with delay " + d + " s, the checker assumes "
                        + delay.toMillis() / 1000.0 + " s");
            } else if (d.equals("?")) {
                problems.add("node " + op.key() + " reported no delay: " + op.received());
            }
            if ("true".equals(s.get("paused"))) {
                problems.add("node " + op.key() + " has GC paused: nothing would be collected");
            }
            if ("false".equals(s.get("enabled"))) {
                problems.add("node " + op.key() + " has GC disabled: nothing would be collected");
            }
        }
        if (reports == 0) {
            problems.add("no node reported its GC settings (" + SETTINGS + " ops): the delay these rules assume"
                    + " was never checked");
        }
        return problems;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
