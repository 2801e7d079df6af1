package io.flotilla.chaos.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Retries an operation the way a patient client would, and no more: at most three retries, after 200, 600 and
 * 1200 ms (2 s in all), so a test that passes with it proves a fault costs a client at most about 2 s.
 * It counts retries, operations that still failed, and the longest stall (first attempt's start to the
 * end of an operation that needed a retry). Safe to share between threads.
 */
public final class Retry {

    public static final List<Duration> DEFAULT_BACKOFF =
            List.of(Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofMillis(1200));
    static final Duration MAX_TOTAL_BACKOFF = Duration.ofSeconds(2);

    /** Waits between attempts; tests of this class pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final List<Duration> backoff;
    private final Sleeper sleeper;
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong longestStallNanos = new AtomicLong();

    public Retry() {
        this(DEFAULT_BACKOFF, d -> Thread.sleep(d.toMillis()));
    }

    public Retry(List<Duration> backoff, Sleeper sleeper) {
        if (backoff.size() > 3) {
            throw new IllegalArgumentException("at most 3 retries, not " + backoff.size());
        }
        Duration total = backoff.stream().reduce(Duration.ZERO, Duration::plus);
        if (total.compareTo(MAX_TOTAL_BACKOFF) > 0) {
            throw new IllegalArgumentException("backoff totals " + total + ", more than " + MAX_TOTAL_BACKOFF);
        }
        this.backoff = List.copyOf(backoff);
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code attempt} until it returns a result that {@code failed} rejects no more, or retries run out.
     * Answers the last result (check it: it may still be a failure); if the last attempt threw, throws
     * {@link RetriesExhaustedException} with that exception as its cause.
     */
    public <T> T call(Callable<T> attempt, Predicate<? super T> failed) {
        long start = System.nanoTime();
        for (int retry = 0; ; retry++) {
            Exception thrown = null;
            T result = null;
            try {
                result = attempt.call();
            } catch (Exception e) {
                thrown = e;
            }
            boolean ok = thrown == null && !failed.test(result);
            if (ok || retry == backoff.size()) {
                if (retry > 0) {
                    longestStallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                }
                if (!ok) {
                    failures.increment();
                }
                if (thrown != null) {
                    throw new RetriesExhaustedException(retry + 1, thrown);
                }
                return result;
            }
            retries.increment();
            pause(backoff.get(retry));
        }
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between retries", e);
        }
    }

    public long retries() {
        return retries.sum();
    }

    /** Operations whose last attempt still failed. */
    public long failures() {
        return failures.sum();
    }

    public Duration longestStall() {
        return Duration.ofNanos(longestStallNanos.get());
    }

    /** The last attempt of an operation threw; the cause is what it threw. */
    public static final class RetriesExhaustedException extends RuntimeException {
        RetriesExhaustedException(int attempts, Exception last) {
            super("failed after " + attempts + " attempts: " + last, last);
        }
    }
}
