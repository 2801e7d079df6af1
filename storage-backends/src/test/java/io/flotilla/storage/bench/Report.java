package io.flotilla.storage.bench;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables on stdout. */
final class Report {
    private static final List<String> BLOB_OPS = List.of("put", "get", "stage");

    private final PrintStream out;
    private final BenchSettings settings;

    Report(PrintStream out, BenchSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    void header(ZonedDateTime started, String loadStart, String loadEnd) {
        out.printf("%nStorage backends on this machine: %d CPUs, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                started, Runtime.version());
        out.printf("(load average 1/5/15 min at start: %s, at end: %s; the bench and the servers add ~1-2 themselves)%n",
                loadStart, loadEnd);
    }

    void blobs(List<BlobBench.Row> rows, Map<String, String> failed, Map<String, String> notMeasured) {
        if (settings.blobBackends().isEmpty()) {
            return;
        }
        List<Integer> sizes = settings.sizesMiB();
        out.printf("%nBlob stores: MiB/s (2^20 bytes/s), median of the runs below%n"
                + "(put = BlobStore.put streaming with SHA-256 verification, get = open + read to the end,"
                + " stage = BlobStore.stage of one piece)%n");
        StringBuilder head = new StringBuilder(String.format("%-8s %-6s", "backend", "op"));
        StringBuilder rule = new StringBuilder("-------- ------");
        for (int mib : sizes) {
            head.append(String.format(" %12s", sizeLabel(mib, settings.batchFor(mib))));
            rule.append(" ------------");
        }
        boolean stageExtra = settings.stageMiB() > 0 && !sizes.contains(settings.stageMiB());
        if (stageExtra) {
            head.append(String.format(" %12s", sizeLabel(settings.stageMiB(), 1)));
            rule.append(" ------------");
        }
        out.println(head);
        out.println(rule);
        for (String backend : settings.blobBackends()) {
            if (notMeasured.containsKey(backend)) {
                out.printf("%-8s not measured (%s)%n", backend, notMeasured.get(backend));
                continue;
            }
            for (String op : BLOB_OPS) {
                StringBuilder line = new StringBuilder(String.format("%-8s %-6s", backend, op));
                boolean any = false;
                for (int mib : sizes) {
                    BlobBench.Row row = find(rows, backend, op, mib);
                    any |= row != null;
                    line.append(String.format(" %12s", row == null ? "-" : Stats.oneDecimal(Stats.median(row.runs()))));
                }
                if (stageExtra) {
                    BlobBench.Row row = find(rows, backend, op, settings.stageMiB());
                    any |= row != null;
                    line.append(String.format(" %12s", row == null ? "-" : Stats.oneDecimal(Stats.median(row.runs()))));
                }
                if (any) {
                    out.println(line);
                }
            }
            if (failed.containsKey(backend)) {
                out.printf("%-8s stopped early: %s%n", backend, failed.get(backend));
            }
        }
        out.printf("%nruns (MiB/s each; \"x8\" = one run times 8 blobs in a row):%n");
        rows.stream()
                .sorted(Comparator.comparingInt((BlobBench.Row r) -> settings.blobBackends().indexOf(r.backend()))
                        .thenComparingInt(r -> BLOB_OPS.indexOf(r.op())).thenComparingInt(BlobBench.Row::mib))
                .filter(r -> !r.runs().isEmpty())
                .forEach(r -> out.printf("  %-6s %-6s %-12s %s%n", r.backend(), r.op(), sizeLabel(r.mib(), r.batch()),
                        r.runs().stream().map(Stats::oneDecimal).collect(Collectors.joining(" "))));
    }

    void operations(List<MetadataOpsBench.Row> rows, Map<String, String> notMeasured) {
        if (settings.metadataBackends().isEmpty()) {
            return;
        }
        out.printf("%nMetadata stores: operations per second over %s s (after %s s untimed), closed loop on N"
                        + " virtual threads,%nwith the latency of each operation%n",
                Stats.oneDecimal(settings.opsDuration().toMillis() / 1000.0),
                Stats.oneDecimal(settings.opsWarmup().toMillis() / 1000.0));
        out.printf("%-10s %-13s %7s %10s %8s %8s %9s %7s%n", "backend", "operation", "threads", "ops/s", "p50 ms",
                "p99 ms", "ops", "errors");
        out.printf("%-10s %-13s %7s %10s %8s %8s %9s %7s%n", "----------", "-------------", "-------", "----------",
                "--------", "--------", "---------", "-------");
        for (String backend : settings.metadataBackends()) {
            List<MetadataOpsBench.Row> mine = rows.stream().filter(r -> r.backend().equals(backend)).toList();
            if (mine.isEmpty()) {
                out.printf("%-10s not measured (%s)%n", backend, notMeasured.getOrDefault(backend, "no result"));
                continue;
            }
            for (MetadataOpsBench.Row row : mine) {
                OpsRunner.Result r = row.result();
                out.printf("%-10s %-13s %7d %10s %8s %8s %9d %7d%n", backend, row.op(), r.threads(),
                        Stats.rate(r.opsPerSecond()), Stats.millis(r.p50Nanos()), Stats.millis(r.p99Nanos()),
                        r.ops(), r.errors());
            }
            mine.stream().filter(r -> r.result().firstError() != null).forEach(r -> out.printf(
                    "  %s %s x%d first error: %s%n", backend, r.op(), r.result().threads(), r.result().firstError()));
        }
    }

    void pages(List<TagPageBench.Row> rows, Map<String, String> notMeasured) {
        if (settings.metadataBackends().isEmpty()) {
            return;
        }
        out.printf("%nTag listing: listTags(repo, after, n=%d) with `after` in the middle fifth of %d tags,%n"
                + "%d reads one at a time (after 20 untimed); load s = time to load the fixture%n",
                settings.pageSize(), settings.tags(), settings.pageReads());
        out.printf("%-10s %8s %10s %10s %10s %10s   %s%n", "backend", "tags", "median ms", "p99 ms", "max ms",
                "load s", "fixture loaded by");
        out.printf("%-10s %8s %10s %10s %10s %10s   %s%n", "----------", "--------", "----------", "----------",
                "----------", "----------", "-----------------");
        for (String backend : settings.metadataBackends()) {
            TagPageBench.Row r = rows.stream().filter(x -> x.backend().equals(backend)).findFirst().orElse(null);
            if (r == null) {
                out.printf("%-10s not measured (%s)%n", backend, notMeasured.getOrDefault(backend, "no result"));
                continue;
            }
            out.printf("%-10s %8d %10s %10s %10s %10s   %s%n", backend, r.tags(), Stats.millis(r.p50Nanos()),
                    Stats.millis(r.p99Nanos()), Stats.millis(r.maxNanos()), Stats.oneDecimal(r.loadSeconds()), r.loadedBy());
        }
    }

    private static BlobBench.Row find(List<BlobBench.Row> rows, String backend, String op, int mib) {
        return rows.stream().filter(r -> r.backend().equals(backend) && r.op().equals(op) && r.mib() == mib
                && !r.runs().isEmpty()).findFirst().orElse(null);
    }

    private static String sizeLabel(int mib, int batch) {
        return mib + " MiB" + (batch > 1 ? " x" + batch : "");
    }
}
