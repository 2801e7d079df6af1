package io.flotilla.storage.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Runs one metadata operation in a closed loop on a fixed number of virtual threads: an untimed lead-in,
 * then a timed window. Operations that start and end inside the window count, and their latencies are kept
 * for exact percentiles; throughput is that count over the window's length.
 */
final class OpsRunner {
    /** One thread's operation; {@code i} counts that thread's calls from 0. */
    @FunctionalInterface
    interface Worker {
        void op(long i) throws Exception;

        /** Called after a failed op, to re-read whatever state the worker keeps. */
        default void recover() throws Exception {
        }
    }

    /** What one measurement gave. */
    record Result(int threads, long ops, double seconds, long errors, String firstError, long p50Nanos,
                  long p99Nanos) {
        double opsPerSecond() {
            return ops / seconds;
        }
    }

    private OpsRunner() {
    }

    static Result run(int threads, Duration warmup, Duration window, IntFunction<Worker> workers)
            throws InterruptedException {
        Worker[] ws = new Worker[threads];
        for (int w = 0; w < threads; w++) {
            ws[w] = workers.apply(w);
        }
        long from = System.nanoTime() + warmup.toNanos();
        long to = from + window.toNanos();
        Recorder[] recorders = new Recorder[threads];
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Recorder r = new Recorder(ws[w], from, to);
            recorders[w] = r;
            started.add(Thread.ofVirtual().name("bench-" + w).start(r));
        }
        for (Thread t : started) {
            t.join();
        }
        int total = Arrays.stream(recorders).mapToInt(r -> r.count).sum();
        long[] all = new long[total];
        int at = 0;
        long errors = 0;
        String firstError = null;
        for (Recorder r : recorders) {
            System.arraycopy(r.latencies, 0, all, at, r.count);
            at += r.count;
            errors += r.errors;
            if (firstError == null) {
                firstError = r.firstError;
            }
        }
        Arrays.sort(all);
        return new Result(threads, total, window.toNanos() / 1e9, errors, firstError,
                Stats.percentile(all, 50), Stats.percentile(all, 99));
    }

    private static final class Recorder implements Runnable {
        private final Worker worker;
        private final long from;
        private final long to;
        private long[] latencies = new long[1024];
        private int count;
        private long errors;
        private String firstError;

        Recorder(Worker worker, long from, long to) {
            this.worker = worker;
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            for (long i = 0; ; i++) {
                long t0 = System.nanoTime();
                if (t0 >= to) {
                    return;
                }
                try {
                    worker.op(i);
                    long t1 = System.nanoTime();
                    if (t0 >= from && t1 <= to) {
                        add(t1 - t0);
                    }
                } catch (Exception e) {
                    if (t0 >= from) {
                        errors++;
                        if (firstError == null) {
                            firstError = e.toString();
                        }
                    }
                    try {
                        worker.recover();
                    } catch (Exception again) {
                        // counted already; the next op will fail again or succeed
                    }
                }
            }
        }

        private void add(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }
}
