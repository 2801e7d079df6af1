package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes' GC counters as the gc scenario records them ({@value GcSafety#METRICS} ops, one per node at the
 * end, value "name=number ..."), summed over the nodes for the report.
 */
public final class GcCounters {

    /**
     * Counter names as recorded, and the Prometheus metric each comes from ('|' separates spellings: Micrometer
     * may append a base unit to the name).
     */
    public static final Map<String, String> METRICS = metrics();

    private GcCounters() {
    }

    private static Map<String, String> metrics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("revived", "flotilla_gc_revived_total");
        m.put("blobs-deleted", "flotilla_gc_blobs_deleted_total");
        m.put("bytes-deleted", "flotilla_gc_bytes_deleted_total|flotilla_gc_bytes_deleted_bytes_total");
        m.put("manifests-deleted", "flotilla_gc_manifests_deleted_total");
        m.put("delete-calls", "flotilla_gc_delete_calls_total");
        m.put("items-reviewed", "flotilla_gc_items_reviewed_total");
        m.put("errors", "flotilla_gc_errors_total");
        m.put("referenced-blob-missing", "flotilla_gc_referenced_blob_missing_total");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The counters summed over every node's last OK report, under "gc-" names; nodes not read are listed. */
    static Map<String, Object> summed(History history) {
        Map<String, Map<String, String>> byNode = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        for (Operation op : history.operations()) {
            if (!op.f().equals(GcSafety.METRICS) || op.process() < Op.PHASE_PROCESS_BASE) {
                continue;
            }
            if (op.is(Op.Type.OK)) {
                byNode.put(op.key(), pairs(op.received()));
                unread.remove(op.key());
            } else if (!byNode.containsKey(op.key())) {
                unread.add(op.key());
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        for (String name : METRICS.keySet()) {
            long sum = 0;
            for (Map<String, String> node : byNode.values()) {
                sum += (long) Double.parseDouble(node.getOrDefault(name, "0"));
            }
            stats.put("gc-" + name, sum);
        }
        stats.put("gc-metrics-nodes", byNode.size());
        if (!unread.isEmpty()) {
            stats.put("gc-metrics-unread", unread.stream().distinct().toList());
        }
        return stats;
    }

    /** "a=1 b=x" as a map; tokens without '=' are skipped. */
    static Map<String, String> pairs(String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (value == null) {
            return pairs;
        }
        for (String token : value.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                pairs.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return pairs;
    }
}
