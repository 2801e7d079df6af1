package io.flotilla.chaos.checker;

/**
 * A time during which a fault was being injected or was in force, in nanoseconds since the run started.
 *
 * @param name      the nemesis op's f and target, e.g. "kill node2", "partition node1|node2,node3"
 * @param openNanos when the nemesis invoked the fault
 * @param appliedNanos when the nemesis reported it applied (its completion), or -1 if it never did
 * @param closeNanos when the op that undoes it completed, or the end of the history
 */
public record FaultWindow(String name, long openNanos, long appliedNanos, long closeNanos) {

    public boolean contains(long nanos) {
        return nanos >= openNanos && nanos < closeNanos;
    }

    public long durationNanos() {
        return closeNanos - openNanos;
    }
}
