package io.flotilla.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.bench.report.Results.Outcome;
import java.util.Map;

/**
 * results.json: the same data as results.md, for machines. Each row carries every contestant's median and
 * samples (plus p50/p99 and entries where they apply), and the comparisons whose subject is in that row, with
 * ratio, goal and whether it was met.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Results results) {
        ObjectNode root = MAPPER.createObjectNode();
        Results.RunInfo info = results.info();
        root.put("mode", info.smoke() ? "smoke" : "full");
        root.put("started", info.started().toString());
        root.put("machine", info.machine());
        root.put("java", info.java());
        ObjectNode load = root.putObject("loadAverage");
        load.put("start", info.loadAtStart());
        load.put("end", results.loadAtEnd());
        ObjectNode phases = load.putObject("phases");
        results.phaseLoads().forEach(phases::put);
        ArrayNode notes = root.putArray("notes");
        results.notes().forEach(notes::add);
        ArrayNode rows = root.putArray("rows");
        for (Row row : results.rows()) {
            ObjectNode r = rows.addObject();
            r.put("id", row.id());
            r.put("name", row.label());
            r.put("unit", row.unit().symbol());
            ObjectNode contestants = r.putObject("contestants");
            for (Map.Entry<String, Measurement> e : row.measurements().entrySet()) {
                measurement(contestants.putObject(e.getKey()), e.getValue());
            }
            ArrayNode comparisons = r.putArray("comparisons");
            for (Comparison c : results.comparisons()) {
                Comparison.Ref home = c.subject() != null ? c.subject() : c.reference();
                if (home.rowId().equals(row.id())) {
                    comparison(comparisons.addObject(), c, results.outcome(c));
                }
            }
        }
        ArrayNode failures = root.putArray("failures");
        results.failures().forEach(failures::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write results.json", e);
        }
    }

    private static void measurement(ObjectNode node, Measurement m) {
        node.put("median", m.median());
        ArrayNode samples = node.putArray("samples");
        m.samples().forEach(samples::add);
        if (m.p50Ms() != null) {
            node.put("p50Ms", m.p50Ms());
            node.put("p99Ms", m.p99Ms());
        }
        if (m.entries() != null) {
            node.put("entries", m.entries());
        }
        node.put("failure", m.failure());
    }

    private static void comparison(ObjectNode node, Comparison c, Outcome o) {
        node.put("table", c.table().name().toLowerCase(java.util.Locale.ROOT));
        node.put("name", c.label());
        if (c.subject() != null) {
            ref(node.putObject("subject"), c.subject());
        }
        ref(node.putObject("reference"), c.reference());
        node.put("ratio", o.ratio());
        node.put("goal", c.goal().describe());
        if (c.goal().hasTarget()) {
            node.put("minRatio", c.goal().minRatio());
        }
        if (c.goal().maxP99Ms() != null) {
            node.put("maxP99Ms", c.goal().maxP99Ms());
        }
        node.put("met", o.met());
    }

    private static void ref(ObjectNode node, Comparison.Ref ref) {
        node.put("row", ref.rowId());
        node.put("contestant", ref.contestant());
    }
}
