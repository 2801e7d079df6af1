package io.flotilla.cluster;

/** Plain numbers about this member of the grid, for the node's metrics. Reading them never calls the grid. */
public interface ClusterStats {

    /** Members this node sees, itself included. */
    int members();

    /** Partitions this member owns. */
    int partitionsOwned();

    /**
     * Partition replica migrations completed in the cluster (joins, leaves and rebalancing), as reported
     * to this member since it started.
     */
    long migrationsCompleted();

    /** Members removed from this node's view since it started: failure detection, and graceful leaves. */
    long membersRemoved();

    /** Upload sessions whose partition this member owns (its primary copies, not backups). */
    long uploadSessionsOwned();

    /**
     * Grid calls that failed or timed out and were degraded (a read as a miss, a write skipped, a lock
     * not held) so that the request went on without the grid.
     */
    long degradedCalls();
}
