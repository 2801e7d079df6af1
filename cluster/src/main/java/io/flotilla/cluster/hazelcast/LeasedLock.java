package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import io.flotilla.cluster.Locks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One lock, taken and released by a virtual thread of its own. The grid ties a lock to the thread that
 * took it, so a dedicated thread lets the caller stop waiting for a stuck grid (it abandons the attempt)
 * and close the lock from any thread without ever waiting on the grid.
 */
final class LeasedLock implements Locks.Held {

    private static final Logger LOG = Logger.getLogger(LeasedLock.class.getName());

    private final IMap<String, Object> map;
    private final String name;
    private final long leaseMillis;
    private final CountDownLatch released = new CountDownLatch(1);

    LeasedLock(IMap<String, Object> map, String name, long leaseMillis) {
        this.map = map;
        this.name = name;
        this.leaseMillis = leaseMillis;
    }

    /**
     * Runs on the lock's own thread: tries for {@code waitMillis}, reports to {@code taken}, then holds the
     * lock until {@link #close()} or the end of its lease. If the caller gave up first (it completed
     * {@code taken}), a lock taken late is released at once.
     */
    void hold(long waitMillis, CompletableFuture<Boolean> taken) {
        boolean got;
        try {
            got = map.tryLock(name, waitMillis, TimeUnit.MILLISECONDS, leaseMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            taken.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            // Any failure must reach the waiting caller: on this thread it would otherwise be lost.
            taken.completeExceptionally(e);
            return;
        }
        if (!taken.complete(got)) {
            if (got) {
                unlock();
            }
            return;
        }
        if (got) {
            awaitClose();
            unlock();
        }
    }

    /** Releases the lock; returns at once, the grid call happens on the lock's thread. Twice is harmless. */
    @Override
    public void close() {
        released.countDown();
    }

    private void awaitClose() {
        try {
            // Past the lease the grid has released the lock anyway; the thread need not outlive it.
            released.await(leaseMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unlock() {
        try {
            map.unlock(name);
        } catch (IllegalMonitorStateException e) {
            // The lease ran out, and someone else may hold it now.
            LOG.log(Level.FINE, "lock {0} was no longer ours to release", name);
        } catch (HazelcastInstanceNotActiveException e) {
            // This member has left: its locks went with it.
            LOG.log(Level.FINE, "lock {0} released by the member leaving", name);
        } catch (RuntimeException e) {
            // A cut grid: the lease ends the lock by itself.
            LOG.log(Level.FINE, e, () -> "lock " + name + " could not be released; its lease will end it");
        }
    }
}
