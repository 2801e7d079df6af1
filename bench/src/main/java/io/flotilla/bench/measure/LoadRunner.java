package io.flotilla.bench.measure;

import io.flotilla.bench.client.HeadLoad;
import io.flotilla.bench.client.LoadResult;
import io.flotilla.bench.client.Wrk;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.sys.Log;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Runs one load measurement (GET with wrk, HEAD with the HEAD client), untimed warm-up first when the plan
 * has one, and records it in a row: requests per second with p50 and p99, or a failure when any response was
 * an error or any socket failed.
 */
final class LoadRunner {
    private final Plan plan;
    private final Wrk wrk;
    private final HeadLoad head;

    LoadRunner(Plan plan, Wrk wrk, HeadLoad head) {
        this.plan = plan;
        this.wrk = wrk;
        this.head = head;
    }

    void get(Row row, String contestant, URI url, List<String> headers) {
        record(row, contestant, () -> {
            if (plan.loadWarmup().isPositive()) {
                wrk.run(url, headers, plan.loadWarmup());
            }
            return wrk.run(url, headers, plan.loadDuration());
        });
    }

    void head(Row row, String contestant, URI url, List<String> headers) {
        record(row, contestant, () -> head.run(url, headers, plan.loadWarmup(), plan.loadDuration()));
    }

    private static void record(Row row, String contestant, java.util.function.Supplier<LoadResult> load) {
        try {
            LoadResult r = load.get();
            String problem = r.problem();
            if (problem != null) {
                Log.info(contestant + ": " + row.label() + ": not measured (" + problem + ")");
                row.fail(contestant, problem);
                return;
            }
            row.sample(contestant, r.requestsPerSecond());
            row.latency(contestant, r.p50Ms(), r.p99Ms());
            Log.info(String.format(Locale.ROOT, "%s: %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms", contestant,
                    row.label(), r.requestsPerSecond(), r.p50Ms(), r.p99Ms()));
        } catch (Exception e) {  // Netty may rethrow a checked exception undeclared
            Log.info(contestant + ": " + row.label() + ": not measured (" + e.getMessage() + ")");
            row.fail(contestant, e.getMessage());
        }
    }
}
