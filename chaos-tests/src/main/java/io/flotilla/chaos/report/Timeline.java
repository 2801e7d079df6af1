package io.flotilla.chaos.report;

import io.flotilla.chaos.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history turned into what the report draws: each completed workload op (final reads left out) (when it ended, how long it took,
 * how it ended) and each fault window (from the fault's INVOKE to its undo's completion).
 */
record Timeline(List<Completed> ops, List<FaultWindow> faults) {

    /** A client op: completion time and latency in seconds. */
    record Completed(String f, Op.Type result, double endSeconds, double latencySeconds, int process) {
    }

    record FaultWindow(String f, String target, double startSeconds, double endSeconds) {
    }

    /** Processes from here on are the runner's final reads (the checkers' convention). */
    private static final int FINAL_READS = 1000;
    private static final Set<String> FAULTS = Set.of("kill", "pause", "partition", "stop", "isolate",
            "cut-one-way", "lose", "slow", "skew");
    private static final Set<String> UNDOS = Set.of("start", "resume", "heal");

    static Timeline of(List<Op> history) {
        List<Completed> ops = new ArrayList<>();
        List<FaultWindow> faults = new ArrayList<>();
        Map<Integer, Op> pending = new HashMap<>();  // a process has one op in flight at a time
        Map<String, Op> open = new HashMap<>();      // fault INVOKEs by target, until undone
        double end = 0;
        for (Op op : history) {
            double t = seconds(op.timeNanos());
            end = Math.max(end, t);
            if (op.process() == Op.NEMESIS) {
                if (op.type() == Op.Type.INVOKE && FAULTS.contains(op.f())) {
                    open.put(op.key(), op);
                } else if (op.type() != Op.Type.INVOKE && UNDOS.contains(op.f())) {
                    Op started = open.remove(op.key());
                    if (started != null) {
                        faults.add(new FaultWindow(started.f(), op.key(), seconds(started.timeNanos()), t));
                    }
                }
            } else if (op.process() >= FINAL_READS) {
                continue;  // final reads run after the workload, as fast as they can: they would swamp the plots
            } else if (op.type() == Op.Type.INVOKE) {
                pending.put(op.process(), op);
            } else {
                Op invoke = pending.remove(op.process());
                if (invoke != null) {
                    ops.add(new Completed(op.f(), op.type(), t, t - seconds(invoke.timeNanos()), op.process()));
                }
            }
        }
        for (Op started : open.values()) {  // never undone: shade to the end
            faults.add(new FaultWindow(started.f(), started.key(), seconds(started.timeNanos()), end));
        }
        return new Timeline(ops, faults);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
