package io.flotilla.cluster.hazelcast;

import com.hazelcast.map.IMap;
import io.flotilla.cluster.Locks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Locks on the keys of an otherwise empty map. Each lock carries a lease, so the lock of a holder that
 * hangs or is cut off ends by itself; a member that leaves the cluster loses its locks at once. Each
 * lock is held by a thread of its own ({@link LeasedLock}), so locks are not reentrant and may be closed
 * from any thread.
 */
final class HazelcastLocks implements Locks {

    private static final Held NOTHING_HELD = () -> {
    };

    private final IMap<String, Object> map;
    private final long leaseMillis;
    private final GridCalls calls;

    HazelcastLocks(IMap<String, Object> map, Duration lease, GridCalls calls) {
        this.map = map;
        this.leaseMillis = lease.toMillis();
        this.calls = calls;
    }

    @Override
    public Optional<Held> tryLock(String name, Duration wait) {
        long waitMillis = Math.max(0, wait.toMillis());
        LeasedLock lock = new LeasedLock(map, name, leaseMillis);
        // At the limit the attempt is abandoned (failed with a timeout); a lock taken later is let go at once.
        CompletableFuture<Boolean> taken = new CompletableFuture<Boolean>()
                .orTimeout(waitMillis + calls.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Thread.ofVirtual().name("lock " + name).start(() -> lock.hold(waitMillis, taken));
        try {
            return taken.join() ? Optional.of(lock) : Optional.empty();
        } catch (CompletionException e) {
            calls.degrade("lock " + name, e.getCause());
            return Optional.of(NOTHING_HELD);
        }
    }
}
