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
 */
public record Op(long index, int process, Op.Type type, String f, String key, String value, long timeNanos,
                 String error) {

    public enum Type { INVOKE, OK, FAIL, INFO }

    public static final int NEMESIS = -1;

    /**
     * Processes from this id up are the runner's final reads: after its last heal it reads back every key it
     * was told was written (f pull-digest), from processes {@code FINAL_READ_PROCESS_BASE + n}, so that checkers
     * can tell "what survived the run" from reads made while faults were active.
     */
    public static final int FINAL_READ_PROCESS_BASE = 1000;

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
