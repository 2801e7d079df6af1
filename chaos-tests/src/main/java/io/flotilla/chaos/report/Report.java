package io.flotilla.chaos.report;

import io.flotilla.chaos.checker.Verdict;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * report.html: one self-contained page (plots embedded as data URIs) with the verdicts, the faults injected,
 * latency and throughput over time with fault windows shaded, and op counts by f and result.
 */
public final class Report {

    private Report() {
    }

    public static void write(Path file, String title, History history, List<Verdict> verdicts) {
        List<Op> ops = history.ops();
        Timeline timeline = Timeline.of(ops);
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1150px}")
                .append("table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;")
                .append("padding:3px 8px;text-align:left;vertical-align:top}.ok{color:#2e7d32}.bad{color:#c62828}")
                .append("</style></head><body><h1>Chaos run: ").append(esc(title)).append("</h1>");
        boolean valid = !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::valid);
        html.append("<p>Overall: <b class=\"").append(valid ? "ok\">VALID" : "bad\">INVALID").append("</b></p>");
        verdictTable(html, verdicts);
        html.append("<h2>Latency</h2><img alt=\"latency\" src=\"").append(Charts.latency(timeline)).append("\">");
        html.append("<h2>Throughput</h2><img alt=\"throughput\" src=\"").append(Charts.throughput(timeline))
                .append("\">");
        countsTable(html, ops);
        faultTable(html, timeline);
        html.append("</body></html>\n");
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void verdictTable(StringBuilder html, List<Verdict> verdicts) {
        html.append("<h2>Verdicts</h2><table><tr><th>checker</th><th>valid</th><th>stats</th><th>evidence</th></tr>");
        for (Verdict v : verdicts) {
            html.append("<tr><td>").append(esc(v.checker())).append("</td><td class=\"")
                    .append(v.valid() ? "ok\">yes" : "bad\">NO").append("</td><td>").append(esc(String.valueOf(v.stats())))
                    .append("</td><td>");
            // The first few pieces of evidence; verdict.json has them all.
            v.evidence().stream().limit(20).forEach(e -> html.append(esc(e)).append("<br>"));
            if (v.evidence().size() > 20) {
                html.append("... ").append(v.evidence().size() - 20).append(" more in verdict.json");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void countsTable(StringBuilder html, List<Op> ops) {
        Map<String, Map<Op.Type, Integer>> counts = new TreeMap<>();
        for (Op op : ops) {
            if (op.process() != Op.NEMESIS && op.type() != Op.Type.INVOKE) {
                String f = op.process() >= Op.PHASE_PROCESS_BASE ? op.f() + " (after the run)"
                        : op.process() >= Op.FINAL_READ_PROCESS_BASE ? op.f() + " (final read)" : op.f();
                counts.computeIfAbsent(f, k -> new TreeMap<>()).merge(op.type(), 1, Integer::sum);
            }
        }
        html.append("<h2>Operations</h2><table><tr><th>f</th><th>ok</th><th>fail</th><th>info</th></tr>");
        counts.forEach((f, byType) -> html.append("<tr><td>").append(esc(f)).append("</td><td>")
                .append(byType.getOrDefault(Op.Type.OK, 0)).append("</td><td>")
                .append(byType.getOrDefault(Op.Type.FAIL, 0)).append("</td><td>")
                .append(byType.getOrDefault(Op.Type.INFO, 0)).append("</td></tr>"));
        html.append("</table>");
    }

    private static void faultTable(StringBuilder html, Timeline timeline) {
        html.append("<h2>Faults injected</h2><table><tr><th>fault</th><th>target</th><th>from (s)</th>")
                .append("<th>to (s)</th></tr>");
        for (Timeline.FaultWindow w : timeline.faults()) {
            html.append(String.format("<tr><td>%s</td><td>%s</td><td>%.1f</td><td>%.1f</td></tr>", esc(w.f()),
                    esc(w.target()), w.startSeconds(), w.endSeconds()));
        }
        html.append("</table>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
