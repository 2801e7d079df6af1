package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Part (c) of {@link GcSafety}: every blob {@link Collectable} says must go was probed {@code absent} before the
 * probe gave up; and how long that took.
 */
final class CollectionCheck {

    private static final int SHOWN = 10;

    private final Retention retention;

    CollectionCheck(Retention retention) {
        this.retention = retention;
    }

    List<String> check(History history, Map<String, Object> stats) {
        Set<String> required = Collectable.blobs(history, retention);
        Map<String, List<Operation>> probes = probes(history);
        Map<String, Long> lastRead = lastReads(history);
        long heal = finalHeal(history);
        List<String> notCollected = new ArrayList<>();
        long lastCollected = Long.MIN_VALUE;
        long longestWait = Long.MIN_VALUE;
        int beforeProbe = 0;
        for (String blob : required) {
            List<Operation> seen = probes.getOrDefault(blob, List.of());
            Operation absent = seen.stream().filter(p -> "absent".equals(p.received())).findFirst().orElse(null);
            if (absent == null) {
                notCollected.add(blob + (seen.isEmpty() ? " (never probed)"
                        : " (last probed " + seen.getLast().received() + " at " + GcSafety.seconds(seen.getLast()
                        .completeNanos()) + ")"));
                continue;
            }
            lastCollected = Math.max(lastCollected, absent.completeNanos());
            if (absent == seen.getFirst()) {
                beforeProbe++;  // gone before the probe started: how long it took is unknown, only that it was less
            } else {
                long from = retention.unreferencedFrom(blob).orElse(Long.MAX_VALUE);
                if (from != Long.MAX_VALUE) {
                    // A read that found the blob is a use too: the node postpones collection past it.
                    from = Math.max(from, lastRead.getOrDefault(blob, Long.MIN_VALUE));
                    longestWait = Math.max(longestWait, absent.completeNanos() - from);
                }
            }
        }
        stats.put("must-collect", required.size());
        stats.put("collected", required.size() - notCollected.size());
        stats.put("collected-before-probe", beforeProbe);
        stats.put("probes", probes.values().stream().mapToInt(List::size).sum());
        if (notCollected.isEmpty() && !required.isEmpty()) {
            stats.put("all-collected-seconds-after-final-heal", Math.max(0, lastCollected - heal) / 1e9);
        }
        if (longestWait != Long.MIN_VALUE) {
            stats.put("max-unreferenced-to-collected-seconds", longestWait / 1e9);
        }
        List<String> evidence = new ArrayList<>();
        if (!notCollected.isEmpty()) {
            evidence.add("(c) " + notCollected.size() + " of " + required.size() + " blobs unreferenced for longer"
                    + " than the delay were not seen absent before the probe gave up, e.g. "
                    + String.join(", ", notCollected.subList(0, Math.min(SHOWN, notCollected.size()))));
        }
        return evidence;
    }

    /** Each blob's OK probes, in order. */
    private static Map<String, List<Operation>> probes(History history) {
        Map<String, List<Operation>> probes = new HashMap<>();
        for (Operation op : history.operations()) {
            if (op.f().equals(GcSafety.BLOB_STATE) && op.is(Op.Type.OK)) {
                probes.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        return probes;
    }

    /** The invoke of each blob's last read (GET or HEAD) that found it: when it was last used by a reader. */
    private static Map<String, Long> lastReads(History history) {
        Map<String, Long> last = new HashMap<>();
        for (Operation op : history.operations()) {
            boolean read = op.f().equals("head-blob") || op.f().equals("pull-digest");
            if (read && op.is(Op.Type.OK) && op.process() < Op.PHASE_PROCESS_BASE) {
                last.merge(op.key(), op.invokeNanos(), Math::max);
            }
        }
        return last;
    }

    /** When the workload and the nemesis ended (the last event of a client process or of the nemesis). */
    static long finalHeal(History history) {
        long last = 0;
        for (Op op : history.ops()) {
            if (op.process() < Op.FINAL_READ_PROCESS_BASE) {
                last = Math.max(last, op.timeNanos());
            }
        }
        return last;
    }
}
