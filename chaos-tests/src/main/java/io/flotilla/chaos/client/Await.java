package io.flotilla.chaos.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the failure names the condition and what was last seen. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(500);

    private Await() {
    }

    /**
     * Waits until {@code holds} answers true (a throw counts as false: a node may not answer while the grid
     * is cut), at most {@code limit}; answers how long it took. {@code seen} describes the state for the failure.
     */
    public static Duration until(String what, Duration limit, BooleanSupplier holds, Supplier<String> seen) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        String last = "";
        while (true) {
            try {
                if (holds.getAsBoolean()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = seen.get();
            } catch (RuntimeException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit + "; last seen: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}
