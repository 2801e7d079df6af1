package io.flotilla.chaos.checker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composition of checkers and verdict.json. MINIMAL stand-in from the runner's worktree; the checkers' worktree
 * owns it.
 */
public final class Checkers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkers() {
    }

    /** A checker whose verdict is valid when every part's is; the parts' verdicts are in its stats by name. */
    public static Checker compose(List<Checker> checkers) {
        List<Checker> parts = List.copyOf(checkers);
        return new Checker() {
            @Override
            public String name() {
                return "compose";
            }

            @Override
            public Verdict check(io.flotilla.chaos.history.History history) {
                Map<String, Object> byName = new LinkedHashMap<>();
                boolean valid = true;
                for (Checker c : parts) {
                    Verdict v = c.check(history);
                    byName.put(c.name(), v);
                    valid &= v.valid();
                }
                return new Verdict(name(), valid, List.of(), byName);
            }
        };
    }

    /** verdict.json: {"valid": all valid, "checkers": {name: {valid, evidence[], stats{}}}}. */
    public static void writeVerdicts(Path file, List<Verdict> verdicts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("valid", verdicts.stream().allMatch(Verdict::valid));
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
