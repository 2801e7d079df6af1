package io.flotilla.node.gc;

/**
 * Paces one kind of backend call to at most {@code perSecond} on this node: a caller waits for its slot.
 * Slots are spaced evenly, with one second's worth allowed to accumulate while idle.
 */
final class RateLimit {
    private final long intervalNanos;
    private final long burstNanos;
    private long nextSlot = System.nanoTime();

    RateLimit(int perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a rate limit must be positive, not " + perSecond);
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.burstNanos = 1_000_000_000L;
    }

    /** Waits until {@code permits} calls may go. */
    void acquire(int permits) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            nextSlot = Math.max(nextSlot, now - burstNanos);
            wait = nextSlot - now;
            nextSlot += intervalNanos * permits;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
