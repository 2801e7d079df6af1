package io.flotilla.bench.gc;

import java.util.Collection;

/**
 * The garbage collector's counters (the contract's {@code flotilla_gc_*} metrics), summed over the nodes of one
 * scrape, or the difference between two such sums. Counters are per node process and start at zero, so the
 * bench subtracts the sum it read before seeding.
 *
 * @param reviewed     items reviewed
 * @param marked       transitions to {@code marked}
 * @param purging      transitions to {@code purging}
 * @param gone         transitions to {@code gone}
 * @param toLive       transitions back to {@code live} (revived)
 * @param revived      the revived counter
 * @param blobsDeleted blobs deleted
 * @param bytesDeleted bytes deleted
 * @param deleteCalls  blob-store delete requests (a batched DeleteObjects is one)
 * @param errors       GC errors
 * @param queueDue     review items due now, over every partition (a gauge: summed, not subtracted)
 */
public record GcCounters(double reviewed, double marked, double purging, double gone, double toLive,
                         double revived, double blobsDeleted, double bytesDeleted, double deleteCalls,
                         double errors, double queueDue) {

    public static final GcCounters ZERO = new GcCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static final String TRANSITIONS = "flotilla_gc_transitions_total";

    /** The counters one node's {@code /metrics} shows. */
    public static GcCounters of(PrometheusText m) {
        return new GcCounters(m.sum("flotilla_gc_items_reviewed_total"),
                m.sum(TRANSITIONS, "to", "marked"), m.sum(TRANSITIONS, "to", "purging"),
                m.sum(TRANSITIONS, "to", "gone"), m.sum(TRANSITIONS, "to", "live"),
                m.sum("flotilla_gc_revived_total"), m.sum("flotilla_gc_blobs_deleted_total"),
                bytesDeleted(m), m.sum("flotilla_gc_delete_calls_total"),
                m.sum("flotilla_gc_errors_total"), m.sum("flotilla_gc_queue_due_items"));
    }

    /**
     * The contract names {@code flotilla_gc_bytes_deleted_total}; Micrometer appends a counter's base unit, so a
     * counter with base unit bytes is exposed as {@code flotilla_gc_bytes_deleted_bytes_total}. Either counts.
     */
    private static double bytesDeleted(PrometheusText m) {
        return m.sum("flotilla_gc_bytes_deleted_total") + m.sum("flotilla_gc_bytes_deleted_bytes_total");
    }

    /** Whether a scrape showed the GC metrics at all: a node without the GC has none of them. */
    public static boolean present(PrometheusText m) {
        return m.samples().stream().anyMatch(s -> s.name().equals("flotilla_gc_blobs_deleted_total"));
    }

    public static GcCounters sum(Collection<GcCounters> nodes) {
        GcCounters total = ZERO;
        for (GcCounters c : nodes) {
            total = total.plus(c);
        }
        return total;
    }

    public GcCounters plus(GcCounters o) {
        return new GcCounters(reviewed + o.reviewed, marked + o.marked, purging + o.purging, gone + o.gone,
                toLive + o.toLive, revived + o.revived, blobsDeleted + o.blobsDeleted,
                bytesDeleted + o.bytesDeleted, deleteCalls + o.deleteCalls, errors + o.errors,
                queueDue + o.queueDue);
    }

    /** This minus {@code base} for every counter; the queue gauge stays as it is now. */
    public GcCounters since(GcCounters base) {
        return new GcCounters(reviewed - base.reviewed, marked - base.marked, purging - base.purging,
                gone - base.gone, toLive - base.toLive, revived - base.revived, blobsDeleted - base.blobsDeleted,
                bytesDeleted - base.bytesDeleted, deleteCalls - base.deleteCalls, errors - base.errors, queueDue);
    }

    /** Transitions of every kind forward: marked, purging and gone. */
    public double forwardTransitions() {
        return marked + purging + gone;
    }
}
