package io.flotilla.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Cluster-wide locks that stop two nodes doing the same work (two commits of one blob, two PATCHes
 * of one upload). They serve efficiency only: correctness rests on compare-and-set in the metadata
 * store, because these locks are not fenced and a partition can grant one twice.
 */
public interface Locks {

    /** Tries for up to {@code wait} to take the lock named {@code name}; empty when it could not. */
    Optional<Held> tryLock(String name, Duration wait);

    /** A lock that is held until closed. Closing twice is harmless. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
