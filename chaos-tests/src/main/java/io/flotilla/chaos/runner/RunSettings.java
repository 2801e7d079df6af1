package io.flotilla.chaos.runner;

import java.time.Duration;

/**
 * The workload of a run.
 *
 * @param processes      concurrent client processes (each one op at a time)
 * @param opsPerSecond   the rate all processes together may not exceed
 * @param requestTimeout each HTTP request's limit; past it the op completes as INFO
 */
public record RunSettings(int processes, double opsPerSecond, Duration requestTimeout) {

    /**
     * 8 processes at 25 ops/s: 1,500 ops a minute, 46% of them on the 6 tags, so about 115 per tag key: enough
     * contention to be interesting, few enough for the linearizability search.
     */
    public static final RunSettings DEFAULT = new RunSettings(8, 25, Duration.ofSeconds(10));

    /**
     * The gc scenario's: 12 operations a second are planned, but an image push is 2-5 requests (HEADs, uploads,
     * the manifest PUT), so the registry sees about as many requests as under {@link #DEFAULT}.
     */
    public static final RunSettings GC = new RunSettings(8, 12, Duration.ofSeconds(10));
}
