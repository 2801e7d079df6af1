package io.flotilla.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Cluster-wide locks that stop two nodes doing the same work (two commits of one blob, two PATCHes
 * of one upload). They serve efficiency only: correctness rests on compare-and-set in the metadata
 * store, because these locks are not fenced and a partition can grant one twice.
 *
 * <p>When the grid cannot answer in time (the network between nodes is cut, a member left mid-call) or
 * refuses (this side of a split lost its quorum), {@link #tryLock} returns a {@link Held} that holds
 * nothing, and the caller proceeds unlocked: at worst two nodes do the same work, and the metadata
 * store's compare-and-set lets only one of them win. A lock is never a reason to fail a request.
 */
public interface Locks {

    /**
     * Tries for up to {@code wait} to take the lock named {@code name}; empty when another holder has it.
     * Not reentrant: a second try from the holder's own thread waits like anyone else's.
     */
    Optional<Held> tryLock(String name, Duration wait);

    /** A lock that is held until closed, or until its lease ends. Close from any thread; twice is harmless. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
