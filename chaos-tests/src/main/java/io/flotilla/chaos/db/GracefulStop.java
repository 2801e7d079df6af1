package io.flotilla.chaos.db;

/**
 * A {@link Db} that can stop a node gracefully (SIGTERM: drain, leave the grid, exit), which the shared Db
 * interface does not require; the restart nemesis uses it when the Db offers it and skips otherwise.
 */
public interface GracefulStop {

    /** Asks the node to stop; returns without waiting for it to exit. */
    void stop(String node);
}
