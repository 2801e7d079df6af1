package io.flotilla.chaos.checker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.chaos.history.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs several checkers over one history, and writes their verdicts as verdict.json. */
public final class Checkers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkers() {
    }

    /**
     * One checker that runs every part: valid when every part is; its evidence names the invalid parts, and its
     * stats map each part's name to that part's {@link Verdict} (see {@link #parts}).
     */
    public static Checker compose(List<Checker> checkers) {
        List<Checker> parts = List.copyOf(checkers);
        return new Checker() {
            @Override
            public String name() {
                return "compose";
            }

            @Override
            public Verdict check(History history) {
                List<Verdict> verdicts = checkAll(parts, history);
                Map<String, Object> byName = new LinkedHashMap<>();
                List<String> invalid = new ArrayList<>();
                for (Verdict v : verdicts) {
                    byName.put(v.checker(), v);
                    if (!v.valid()) {
                        invalid.add(v.checker() + " is invalid");
                    }
                }
                return new Verdict(name(), invalid.isEmpty(), invalid, byName);
            }
        };
    }

    /**
     * Each checker's verdict, in order. A checker that throws is a harness bug, not a pass: its verdict is
     * invalid and the exception is its evidence, and the other checkers still run.
     */
    public static List<Verdict> checkAll(List<Checker> checkers, History history) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Checker c : checkers) {
            try {
                verdicts.add(c.check(history));
            } catch (RuntimeException e) {
                verdicts.add(new Verdict(c.name(), false, List.of("checker threw " + e), Map.of()));
            }
        }
        return verdicts;
    }

    /** The parts' verdicts inside a verdict made by {@link #compose}, or the verdict itself if it is not one. */
    public static List<Verdict> parts(Verdict verdict) {
        List<Verdict> parts = new ArrayList<>();
        for (Object v : verdict.stats().values()) {
            if (v instanceof Verdict part) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? List.of(verdict) : parts;
    }

    /** Writes {"valid": all valid, "checkers": {name: {"valid", "evidence": [...], "stats": {...}}}}. */
    public static void writeVerdicts(Path file, List<Verdict> verdicts) {
        writeVerdicts(file, verdicts, Map.of());
    }

    /**
     * {@link #writeVerdicts(Path, List)} with {@code headline}'s entries between "valid" and "checkers": the
     * numbers a scenario reports first (the gc scenario's collection times, say).
     */
    public static void writeVerdicts(Path file, List<Verdict> verdicts, Map<String, Object> headline) {
        ObjectNode root = JSON.createObjectNode();
        root.put("valid", verdicts.stream().allMatch(Verdict::valid));
        headline.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        ObjectNode byName = root.putObject("checkers");
        for (Verdict v : verdicts) {
            ObjectNode one = byName.putObject(v.checker());
            one.put("valid", v.valid());
            one.set("evidence", JSON.valueToTree(v.evidence()));
            one.set("stats", JSON.valueToTree(v.stats()));
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
