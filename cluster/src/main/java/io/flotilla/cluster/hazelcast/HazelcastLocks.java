package io.flotilla.cluster.hazelcast;

import com.hazelcast.map.IMap;
import io.flotilla.cluster.Locks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Locks on the keys of an otherwise empty map. Each lock carries a lease, so the lock of a holder that
 * hangs or is cut off ends by itself; a member that leaves the cluster loses its locks at once.
 * <p>
 * Hazelcast ties a lock to the thread that took it: it is reentrant on that thread, and only that
 * thread can release it early. Close a {@link Held} on the thread that took it; from any other thread
 * the close does nothing and the lock lasts until its lease ends.
 */
final class HazelcastLocks implements Locks {

    private final IMap<String, Object> map;
    private final long leaseMillis;

    HazelcastLocks(IMap<String, Object> map, Duration lease) {
        this.map = map;
        this.leaseMillis = lease.toMillis();
    }

    @Override
    public Optional<Held> tryLock(String name, Duration wait) {
        long waitMillis = Math.max(0, wait.toMillis());
        try {
            if (map.tryLock(name, waitMillis, TimeUnit.MILLISECONDS, leaseMillis, TimeUnit.MILLISECONDS)) {
                return Optional.of(new LeasedLock(map, name));
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
