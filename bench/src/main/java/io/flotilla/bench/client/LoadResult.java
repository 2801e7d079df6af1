package io.flotilla.bench.client;

import java.util.ArrayList;
import java.util.List;

/**
 * One load run's outcome, from wrk or the HEAD client: throughput, latency percentiles, and everything that
 * went wrong. A run with any error response or socket error is not a number the bench reports.
 *
 * @param requestsPerSecond  completed requests per second over the timed window
 * @param p50Ms              median latency
 * @param p99Ms              99th percentile latency
 * @param requests           requests completed in the window
 * @param errorResponses     responses with a status of 400 or more
 * @param socketErrors       connect, read, write errors and timeouts
 * @param errorDetail        what the tool said about the socket errors, or empty
 */
public record LoadResult(double requestsPerSecond, double p50Ms, double p99Ms, long requests, long errorResponses,
                         long socketErrors, String errorDetail) {

    /** Why this run cannot be reported as a number, or null when it can. */
    public String problem() {
        List<String> problems = new ArrayList<>();
        if (requests == 0) {
            problems.add("no request completed");
        }
        if (errorResponses > 0) {
            problems.add(errorResponses + " of " + requests + " responses were errors (status >= 400)");
        }
        if (socketErrors > 0) {
            problems.add(socketErrors + " socket errors" + (errorDetail.isEmpty() ? "" : " (" + errorDetail + ")"));
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
