package io.flotilla.chaos.history;

/**
 * One event of a history. Client operations come in pairs: an {@code INVOKE}, then its completion {@code OK},
 * {@code FAIL} (it definitely did not happen) or {@code INFO} (outcome unknown, e.g. a timeout: it may still take
 * effect, at any time after its invoke). A process has at most one operation in flight, so a completion belongs
 * to its process's last invoke.
 *
 * @param index     position in the history, assigned by {@link History}
 * @param process   client process id {@code >= 0}; {@link #NEMESIS} for fault injection
 * @param f         client: push-blob, push-manifest, move-tag, pull-tag, pull-digest, delete; nemesis: kill, start,
 *                  pause, resume, partition, heal, ...
 * @param key       push-blob, pull-digest, delete: a digest; push-manifest: the manifest digest; move-tag, pull-tag:
 *                  "repo:tag"; nemesis: its target ("node2", "node1|node2,node3")
 * @param value     move-tag: the manifest digest written; pull-tag OK: the digest read, null if the tag is unknown;
 *                  pull-digest OK: "sha256:..." of the bytes received; others: optional detail
 * @param timeNanos nanoseconds since the run started
 * @param error     FAIL and INFO: a short reason; otherwise null
 * @param refs      push-manifest and move-tag invokes: the digests of the blobs the manifest names (config, then
 *                  layers), so a checker knows what a manifest keeps alive; empty for every other event
 */
public record Op(long index, int process, Op.Type type, String f, String key, String value, long timeNanos,
                 String error, java.util.List<String> refs) {

    public enum Type { INVOKE, OK, FAIL, INFO }

    public static final int NEMESIS = -1;

    /**
     * Processes from this id up are the runner's final reads: after its last heal it reads back every key it
     * was told was written (f pull-digest), from processes {@code FINAL_READ_PROCESS_BASE + n}, so that checkers
     * can tell "what survived the run" from reads made while faults were active.
     */
    public static final int FINAL_READ_PROCESS_BASE = 1000;

    /**
     * Processes from this id up are a workload's own phases outside the client processes (the gc scenario's
     * settings check before the run, and its tag reads, collection probes and metric scrapes after the final
     * reads); they are neither client operations nor final reads.
     */
    public static final int PHASE_PROCESS_BASE = 2000;

    public Op {
        refs = refs == null ? java.util.List.of() : java.util.List.copyOf(refs);
    }

    /** An event that names no blobs. */
    public Op(long index, int process, Op.Type type, String f, String key, String value, long timeNanos,
              String error) {
        this(index, process, type, f, key, value, timeNanos, error, java.util.List.of());
    }

    public boolean isNemesis() {
        return process == NEMESIS;
    }

    /** Whether this event belongs to one of the runner's final reads (see {@link #FINAL_READ_PROCESS_BASE}). */
    public boolean isFinalRead() {
        return process >= FINAL_READ_PROCESS_BASE && "pull-digest".equals(f);
    }

    public boolean isInvoke() {
        return type == Type.INVOKE;
    }
}
