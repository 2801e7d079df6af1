package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds every grid call a request makes and turns a grid failure into a degradation the caller can go
 * on from. The grid only saves work (the metadata store's CAS keeps things correct), so a cut network,
 * a minority side refused by split-brain protection or a member that left must cost a request at most
 * {@code timeout}, never an error.
 */
final class GridCalls {

    private static final Logger LOG = Logger.getLogger(GridCalls.class.getName());
    /** A cut grid degrades every call; one warning a minute says so without flooding the log. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long timeoutNanos;
    private final AtomicLong degraded = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    GridCalls(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /**
     * Starts an asynchronous grid call and waits for it at most the timeout. Empty when the call's result
     * was null, and when it failed or timed out (then counted and logged as {@code what}).
     */
    <T> Optional<T> await(String what, Supplier<CompletionStage<T>> call) {
        try {
            return Optional.ofNullable(call.get().toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS));
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            degrade(what, e);
        } catch (ExecutionException e) {
            degrade(what, e.getCause());
        } catch (TimeoutException e) {
            degrade(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            degrade(what, e);
        }
        return Optional.empty();
    }

    /** Counts and logs a call that went on without the grid. */
    void degrade(String what, Throwable cause) {
        degraded.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        boolean warn = now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now);
        LOG.log(warn ? Level.WARNING : Level.FINE, cause,
                () -> "grid call " + what + " degraded (going on without the grid): " + cause);
    }

    long degradedCount() {
        return degraded.get();
    }
}
