package io.flotilla.bench.gc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** gc-results.md (also printed), gc-results.json and gc-timeline.csv from what a run found. */
final class GcReport {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private GcReport() {
    }

    static String markdown(GcFindings f) {
        GcOptions o = f.options;
        StringBuilder md = new StringBuilder();
        md.append("# GC throughput: ").append(o.nodes()).append(o.nodes() == 1 ? " node" : " nodes").append(" on ")
                .append(o.metadata()).append(" + ").append(backendName(o.blobBackend())).append("\n\n");
        md.append("- ").append(UTC.format(f.started)).append("; ").append(f.machine).append("; ").append(f.java).append('\n');
        md.append("- load average at start ").append(f.loadAtStart).append(", at end ").append(f.loadAtEnd).append('\n');
        md.append("- cluster: ").append(f.clusterNames.isEmpty() ? "(not started)" : f.clusterNames).append('\n');
        md.append("- gc.* of every node: delay ").append(o.delaySeconds()).append(" s, grace ").append(o.graceSeconds())
                .append(" s, interval-ms ").append(orDefault(o.intervalMs())).append(", batch ").append(orDefault(o.batch())).append(", concurrency ").append(orDefault(o.concurrency()))
                .append(", max-transitions-per-second ").append(orDefault(o.maxTransitions()))
                .append(", max-deletes-per-second ").append(orDefault(o.maxDeletes())).append(" (limits are per node)\n");
        md.append("- seeding: ").append(num(o.blobs())).append(" blobs of ").append(o.blobBytes())
                .append(" bytes, monolithic POSTs on ").append(o.connections())
                .append(" connections spread over the nodes, GC paused\n\n");
        collection(md, f);
        times(md, f);
        cpu(md, f);
        checks(md, f);
        list(md, "Failures", f.failures);
        list(md, "Notes", f.notes);
        return md.toString();
    }

    private static void collection(StringBuilder md, GcFindings f) {
        GcRates r = f.rates;
        if (r == null) {
            md.append("No collection was measured.\n\n");
            return;
        }
        double harbor = GcOptions.HARBOR_DELETES_PER_MINUTE;
        double goal = GcOptions.GOAL_DELETES_PER_MINUTE;
        md.append("## Collection: ").append(num(r.totals().blobsDeleted())).append(" of ").append(num(r.target()))
                .append(" blobs deleted in ").append(seconds(r.elapsed())).append(r.complete() ? "" : " (timed out)")
                .append("\n\n");
        md.append("| per minute | Flotilla | Harbor (reported) | ratio | goal | met |\n");
        md.append("|---|---:|---:|---:|---|---|\n");
        double deleted = r.deletedPerMinute();
        md.append(row("blobs deleted, resume to last deletion", num(deleted), "~300", ratio(deleted / harbor),
                ">= 3,000", deleted >= goal ? "yes" : "no"));
        double steady = r.steadyDeletedPerMinute();
        md.append(row("blobs deleted, steady (10% to 90% deleted)", num(steady), "~300", ratio(steady / harbor), "", ""));
        double calls = r.deleteCallsPerMinute();
        md.append(row("blob-store delete calls", num(calls), "~300", ratio(calls / harbor), "", ""));
        md.append(row("state transitions (marked + purging + gone)", num(r.transitionsPerMinute()), "", "", "", ""));
        md.append(row("  to marked", num(r.perMinute(r.totals().marked())), "", "", "", ""));
        md.append(row("  to purging", num(r.perMinute(r.totals().purging())), "", "", "", ""));
        md.append(row("  to gone", num(r.perMinute(r.totals().gone())), "", "", "", ""));
        md.append(row("items reviewed", num(r.perMinute(r.totals().reviewed())), "", "", "", ""));
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Totals: marked %s, purging %s, gone %s, revived (to live) %s, reviewed %s, "
                        + "delete calls %s (%s blobs a call), bytes deleted %s, GC errors %s, review items due at the "
                        + "nodes' last polls %s.%n%n", num(r.totals().marked()), num(r.totals().purging()), num(r.totals().gone()),
                num(r.totals().toLive()), num(r.totals().reviewed()), num(r.totals().deleteCalls()),
                r.totals().deleteCalls() > 0 ? num1(r.totals().blobsDeleted() / r.totals().deleteCalls()) : "-",
                num(r.totals().bytesDeleted()), num(r.totals().errors()), num(r.totals().queueDue())));
    }

    private static void times(StringBuilder md, GcFindings f) {
        if (f.seed == null) {
            return;
        }
        md.append("| time | seconds | |\n|---|---:|---|\n");
        if (f.seed != null) {
            md.append(String.format(Locale.ROOT, "| seeding | %s | %s blobs/s; one upload p50 %s ms, p99 %s ms; per node %s |%n",
                    num1(f.seed.seconds()), num(f.seed.perSecond()), num1(f.seed.p50Millis()), num1(f.seed.p99Millis()),
                    f.seed.perNode()));
        }
        if (!Double.isNaN(f.waitSeconds)) {
            md.append("| wait for the last review to come due | ").append(num1(f.waitSeconds)).append(" | delay + 1 s after the last commit |\n");
        }
        if (f.rates != null) {
            md.append("| resume to first deletion seen | ").append(num1(f.rates.firstDeleteSeconds()))
                    .append(" | one grace between marked and purging, and the sampling interval |\n");
            md.append("| resume to last deletion seen | ").append(num1(f.rates.elapsed())).append(" | |\n");
            if (f.seed != null) {
                md.append("| total, seeding start to last deletion | ")
                        .append(num1(f.seed.seconds() + f.waitSeconds + f.rates.elapsed())).append(" | |\n");
            }
        }
        md.append('\n');
    }

    private static void cpu(StringBuilder md, GcFindings f) {
        if (f.cpu.isEmpty()) {
            return;
        }
        md.append("CPU, average cores used (").append(Runtime.getRuntime().availableProcessors())
                .append(" on this box; Cassandra and Ceph are shared, so their share includes any other work; "
                        + "\"restarted\": a process of the group ended during the phase):\n\n");
        md.append("| process |");
        f.cpu.keySet().forEach(phase -> md.append(' ').append(phase).append(" |"));
        md.append("\n|---|");
        f.cpu.keySet().forEach(phase -> md.append("---:|"));
        md.append('\n');
        Map<String, Double> first = f.cpu.values().iterator().next();
        for (String group : first.keySet()) {
            md.append("| ").append(group).append(" |");
            for (Map<String, Double> phase : f.cpu.values()) {
                md.append(' ').append(cores(phase.get(group))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void checks(StringBuilder md, GcFindings f) {
        if (f.duringPause == null && f.verified == 0) {
            return;
        }
        md.append("## Checks\n\n");
        if (f.duringPause != null) {
            boolean held = f.duringPause.forwardTransitions() == 0 && f.duringPause.blobsDeleted() == 0;
            md.append("- GC paused while seeding and waiting: ").append(held ? "held (no transition, no deletion)"
                    : "did NOT hold: " + f.duringPause).append('\n');
        }
        if (!f.statesBeforeResume.isEmpty()) {
            md.append("- sample's GC states before the resume: ").append(f.statesBeforeResume).append('\n');
        }
        if (f.verified > 0) {
            md.append("- after collection, ").append(f.verified).append(" sampled blobs: GC state ").append(f.statesAfter)
                    .append("; HEAD status ").append(f.headAfter).append('\n');
        }
        if (!f.storeProbe.isEmpty()) {
            md.append("- ").append(f.storeProbe).append(": objects after seeding ").append(opt(f.storeObjectsBefore))
                    .append(", after collection ").append(opt(f.storeObjectsAfter))
                    .append("; sampled blobs found by content (ETag = MD5) before ").append(held(f.storeHoldingBefore))
                    .append(", after ").append(held(f.storeHoldingAfter)).append('\n');
        }
        md.append('\n');
    }

    private static void list(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
    }

    static String json(GcFindings f) {
        Map<String, Object> root = new LinkedHashMap<>();
        GcOptions o = f.options;
        root.put("started", f.started.toString());
        root.put("machine", f.machine);
        root.put("java", f.java);
        root.put("loadAtStart", f.loadAtStart);
        root.put("loadAtEnd", f.loadAtEnd);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("blobs", o.blobs());
        settings.put("nodes", o.nodes());
        settings.put("metadata", o.metadata());
        settings.put("blobBackend", o.blobBackend());
        settings.put("blobBytes", o.blobBytes());
        settings.put("connections", o.connections());
        settings.put("nodeSettings", o.nodeSettings());
        settings.put("timeoutSeconds", o.timeout().toSeconds());
        settings.put("cluster", f.clusterNames);
        root.put("settings", settings);
        if (f.seed != null) {
            Map<String, Object> seed = new LinkedHashMap<>();
            seed.put("seeded", f.seed.seeded());
            seed.put("failed", f.seed.failed());
            seed.put("refusals", f.seed.refusals());
            seed.put("seconds", f.seed.seconds());
            seed.put("perSecond", f.seed.perSecond());
            seed.put("p50Millis", f.seed.p50Millis());
            seed.put("p99Millis", f.seed.p99Millis());
            seed.put("perNode", f.seed.perNode());
            seed.put("firstError", f.seed.firstError());
            root.put("seeding", seed);
        }
        root.put("waitSeconds", f.waitSeconds);
        if (f.rates != null) {
            Map<String, Object> rates = new LinkedHashMap<>();
            GcRates r = f.rates;
            rates.put("complete", r.complete());
            rates.put("elapsedSeconds", r.elapsed());
            rates.put("firstDeleteSeconds", r.firstDeleteSeconds());
            rates.put("blobsDeletedPerMinute", r.deletedPerMinute());
            rates.put("steadyBlobsDeletedPerMinute", r.steadyDeletedPerMinute());
            rates.put("deleteCallsPerMinute", r.deleteCallsPerMinute());
            rates.put("transitionsPerMinute", r.transitionsPerMinute());
            rates.put("markedPerMinute", r.perMinute(r.totals().marked()));
            rates.put("purgingPerMinute", r.perMinute(r.totals().purging()));
            rates.put("gonePerMinute", r.perMinute(r.totals().gone()));
            rates.put("harborDeletesPerMinute", GcOptions.HARBOR_DELETES_PER_MINUTE);
            rates.put("goalDeletesPerMinute", GcOptions.GOAL_DELETES_PER_MINUTE);
            rates.put("totals", r.totals());
            root.put("collection", rates);
        }
        root.put("cpuCores", f.cpu);
        root.put("duringPause", f.duringPause);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("statesBeforeResume", f.statesBeforeResume);
        checks.put("verified", f.verified);
        checks.put("statesAfter", f.statesAfter);
        checks.put("headAfter", f.headAfter);
        checks.put("store", f.storeProbe);
        checks.put("storeHoldingBefore", f.storeHoldingBefore);
        checks.put("storeHoldingAfter", f.storeHoldingAfter);
        checks.put("storeExamplesAfter", f.storeExamplesAfter);
        checks.put("storeObjectsBefore", f.storeObjectsBefore.isPresent() ? f.storeObjectsBefore.getAsLong() : null);
        checks.put("storeObjectsAfter", f.storeObjectsAfter.isPresent() ? f.storeObjectsAfter.getAsLong() : null);
        root.put("checks", checks);
        root.put("failures", f.failures);
        root.put("notes", f.notes);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render gc-results.json", e);
        }
    }

    static String timelineCsv(GcFindings f) {
        StringBuilder csv = new StringBuilder("seconds,reviewed,marked,purging,gone,live,blobs_deleted,delete_calls,errors,"
                + "queue_due\n");
        for (GcSample s : f.timeline) {
            GcCounters c = s.counters();
            csv.append(String.format(Locale.ROOT, "%.2f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f%n", s.seconds(),
                    c.reviewed(), c.marked(), c.purging(), c.gone(), c.toLive(), c.blobsDeleted(), c.deleteCalls(),
                    c.errors(), c.queueDue()));
        }
        return csv.toString();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String backendName(String backend) {
        return backend.equals("s3") ? "S3 (Ceph RGW)" : backend.equals("rados") ? "RADOS" : backend;
    }

    private static String orDefault(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "node default";
    }

    static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String num1(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.1fx", v);
    }

    private static String cores(Double v) {
        return v == null ? "-" : v.isNaN() ? "restarted" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(double v) {
        return num1(v) + " s";
    }

    private static String held(int n) {
        return n < 0 ? "not checked" : Integer.toString(n);
    }

    private static String opt(OptionalLong v) {
        return v.isPresent() ? num(v.getAsLong()) : "-";
    }
}
