package io.flotilla.bench.report;

import io.flotilla.bench.report.Comparison.Ref;
import io.flotilla.bench.report.Comparison.Table;
import io.flotilla.bench.report.Results.Outcome;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** results.md: the header, the three tables with their ratios and goals, each median's runs, and failures. */
public final class MarkdownReport {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Results results;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(Results results) {
        this.results = results;
    }

    public static String render(Results results) {
        MarkdownReport report = new MarkdownReport(results);
        report.header();
        report.mainTable();
        report.latencyTable();
        report.physicalTable();
        report.clusterTable();
        report.chart();
        report.runs();
        report.failures();
        return report.out.toString();
    }

    private void header() {
        Results.RunInfo info = results.info();
        line("# Flotilla against docker-registry (CNCF Distribution 2.8.2)");
        line("");
        if (info.smoke()) {
            line("**Smoke run**: tiny sizes and one iteration. It checks that the runner works end to end; its "
                    + "numbers mean nothing.");
            line("");
        }
        line("- date: " + UTC.format(info.started()));
        line("- mode: " + (info.smoke() ? "smoke" : "full"));
        line("- machine: " + info.machine());
        line("- Java: " + info.java());
        StringBuilder load = new StringBuilder("at start " + info.loadAtStart());
        results.phaseLoads().forEach((phase, avg) -> load.append("; ").append(phase).append(' ').append(avg));
        load.append("; at end ").append(results.loadAtEnd());
        line("- load average (1, 5, 15 min): " + load + " (the bench's clients and servers add 1-2 themselves, "
                + "more while 16 requests load the listing fixtures; clearly more means other work shared the CPUs)");
        for (String note : results.notes()) {
            line("- " + note);
        }
        line("");
        line("Every ratio is subject / reference, and higher is better for every unit: MiB/s = 2^20 bytes/s, "
                + "MB/s = 10^6 bytes/s, req/s = requests per second. Throughputs are medians of the runs listed "
                + "under Runs.");
        line("");
    }

    private void mainTable() {
        List<Comparison> main = results.comparisons(Table.MAIN);
        line("## Flotilla against docker-registry");
        line("");
        line("| row | unit | Flotilla | docker-registry | ratio (Flotilla / peer) | goal | met |");
        line("|---|---|---:|---:|---:|---|---|");
        for (Comparison c : main) {
            Outcome o = results.outcome(c);
            line(cells(c.label(), unit(c), value(o.subject()), value(o.reference()), Numbers.ratio(o.ratio(), c.goal()),
                    c.goal().describe(), Numbers.met(c.goal(), o.met())));
        }
        line("");
    }

    private void latencyTable() {
        List<Comparison> load = results.comparisons(Table.MAIN).stream()
                .filter(c -> hasLatency(c.subject()) || hasLatency(c.reference())).toList();
        if (load.isEmpty()) {
            return;
        }
        line("### Latency of the small requests and listings, and entries per listing response");
        line("");
        line("| row | Flotilla p50 ms | Flotilla p99 ms | docker-registry p50 ms | docker-registry p99 ms "
                + "| entries (Flotilla / peer) |");
        line("|---|---:|---:|---:|---:|---|");
        for (Comparison c : load) {
            Optional<Measurement> s = results.measurement(c.subject());
            Optional<Measurement> r = results.measurement(c.reference());
            String entries = s.map(Measurement::entries).isPresent() || r.map(Measurement::entries).isPresent()
                    ? entries(s) + " / " + entries(r) : "-";
            line(cells(c.label(), Numbers.millis(s.map(Measurement::p50Ms).orElse(null)),
                    Numbers.millis(s.map(Measurement::p99Ms).orElse(null)),
                    Numbers.millis(r.map(Measurement::p50Ms).orElse(null)),
                    Numbers.millis(r.map(Measurement::p99Ms).orElse(null)), entries));
        }
        line("");
    }

    private void physicalTable() {
        List<Comparison> physical = results.comparisons(Table.PHYSICAL);
        if (physical.isEmpty()) {
            return;
        }
        line("## Physical references (same run, same box)");
        line("");
        line("| reference | unit | value | compared with | its value | ratio (it / reference) | goal | met |");
        line("|---|---|---:|---|---:|---:|---|---|");
        for (Comparison c : physical) {
            Outcome o = results.outcome(c);
            String subject = c.subject() == null ? "-" : Contestants.display(c.subject().contestant()) + " "
                    + results.row(c.subject().rowId()).label();
            line(cells(c.label(), results.row(c.reference().rowId()).unit().symbol(), value(o.reference()), subject,
                    c.subject() == null ? "-" : value(o.subject()),
                    c.subject() == null ? "-" : Numbers.ratio(o.ratio(), c.goal()), c.goal().describe(),
                    Numbers.met(c.goal(), o.met())));
        }
        line("");
    }

    private void clusterTable() {
        List<Comparison> cluster = results.comparisons(Table.CLUSTER);
        line("## Cluster: 3 Flotilla nodes behind HAProxy, on Cassandra and Ceph RADOS");
        line("");
        if (cluster.isEmpty()) {
            line("Not run (--no-cluster).");
            line("");
            return;
        }
        line("| row | unit | cluster | Flotilla (1 node) | docker-registry | ratio (cluster / peer) | goal | met "
                + "| cluster p50 ms | cluster p99 ms |");
        line("|---|---|---:|---:|---:|---:|---|---|---:|---:|");
        for (Comparison c : cluster) {
            Outcome o = results.outcome(c);
            Optional<Measurement> single = results.measurement(new Ref(c.subject().rowId(), Contestants.FLOTILLA));
            line(cells(c.label(), unit(c), value(o.subject()), value(single.orElse(null)), value(o.reference()),
                    Numbers.ratio(o.ratio(), c.goal()), c.goal().describe(), Numbers.met(c.goal(), o.met()),
                    Numbers.millis(o.subject() == null ? null : o.subject().p50Ms()),
                    Numbers.millis(o.subject() == null ? null : o.subject().p99Ms())));
        }
        line("");
    }

    private void chart() {
        line("## Every ratio");
        line("");
        line("![every ratio against its goal](ratios.png)");
        line("");
    }

    private void runs() {
        line("## Runs");
        line("");
        line("Each median's single runs, in the row's unit (load rows: one run each).");
        line("");
        for (Row row : results.rows()) {
            String parts = row.measurements().entrySet().stream()
                    .map(e -> Contestants.display(e.getKey()) + ": " + samples(e.getValue()))
                    .collect(Collectors.joining("; "));
            line("- " + row.label() + " (" + row.unit().symbol() + "): " + parts);
        }
        line("");
    }

    private void failures() {
        List<String> failures = results.failures();
        if (failures.isEmpty()) {
            return;
        }
        line("## Failures");
        line("");
        line("These rows could not be measured, so the run exits non-zero:");
        line("");
        failures.forEach(f -> line("- " + f));
        line("");
    }

    private String unit(Comparison c) {
        Ref ref = c.subject() != null ? c.subject() : c.reference();
        return results.row(ref.rowId()).unit().symbol();
    }

    private boolean hasLatency(Ref ref) {
        return results.measurement(ref).map(m -> m.p50Ms() != null || m.entries() != null).orElse(false);
    }

    private static String value(Measurement m) {
        if (m == null) {
            return "n/a";
        }
        if (m.failed()) {
            return "failed";
        }
        return Numbers.value(m.median());
    }

    private static String entries(Optional<Measurement> m) {
        return m.map(Measurement::entries).map(String::valueOf).orElse("-");
    }

    private static String samples(Measurement m) {
        String values = m.samples().isEmpty() ? "none"
                : m.samples().stream().map(Numbers::value).collect(Collectors.joining(" "));
        if (m.failed()) {
            return values + " (failed: " + m.failure() + ")";
        }
        return m.samples().size() > 1 ? values + " (median " + Numbers.value(m.median()) + ")" : values;
    }

    private static String cells(String... cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return b.toString();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** For tests: the rows of one rendered table, each as its cells. */
    static List<List<String>> tableRows(String markdown, String heading) {
        int at = markdown.indexOf(heading);
        if (at < 0) {
            return List.of();
        }
        return markdown.substring(at).lines()
                .dropWhile(l -> !l.startsWith("|"))
                .takeWhile(l -> l.startsWith("|"))
                .skip(2)
                .map(l -> List.of(l.substring(1, l.length() - 1).split(" \\| ", -1)).stream().map(String::strip)
                        .toList())
                .toList();
    }
}
