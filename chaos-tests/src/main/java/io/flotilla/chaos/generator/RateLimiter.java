package io.flotilla.chaos.generator;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces all workers together to at most {@code opsPerSecond}: each acquire takes the next free slot on a
 * shared schedule and sleeps until it. Slots missed while workers were blocked (a stalled cluster) are not
 * made up later as a burst: the schedule never starts behind the present.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long next = System.nanoTime();

    public RateLimiter(double opsPerSecond) {
        if (opsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + opsPerSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / opsPerSecond);
    }

    public void acquire() {
        long slot;
        synchronized (this) {
            slot = Math.max(next, System.nanoTime());
            next = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
