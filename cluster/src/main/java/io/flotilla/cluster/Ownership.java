package io.flotilla.cluster;

import java.util.Optional;
import java.util.Set;

/**
 * Which member owns which slice of the key space, for partitioned background work (GC, replication):
 * each node works the keys it owns, and a dead node's partitions move to the survivors. Keys are
 * partitioned as the grid's maps partition them, so the owner of an upload id is the member holding
 * that upload's session.
 */
public interface Ownership {

    /** Partitions are numbered {@code 0 .. partitionCount() - 1}. */
    int partitionCount();

    int partitionOf(String key);

    /**
     * True when this member owns the key's partition and this side of the cluster has quorum, so a
     * minority side never runs partitioned work that the majority also runs.
     */
    boolean owns(String key);

    /** The member owning the key's partition; empty while no member does (during a migration). */
    Optional<Member> ownerOf(String key);

    /** The partitions this member owns now, quorum or not. */
    Set<Integer> ownedPartitions();

    /**
     * Runs {@code listener} after partitions moved (a migration finished, or a member left and its
     * backups took over). It may run more than once per change, on a grid event thread: keep it short,
     * and re-read {@link #ownedPartitions()} rather than trusting a count of calls.
     */
    void onChange(Runnable listener);
}
