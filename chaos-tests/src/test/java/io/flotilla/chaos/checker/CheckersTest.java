package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.HistoryBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckersTest {

    private static Checker fixed(String name, boolean valid) {
        return new Checker() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict check(History history) {
                return new Verdict(name, valid, valid ? List.of() : List.of("bad"), Map.of("n", 1));
            }
        };
    }

    private static final Checker THROWS = new Checker() {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Verdict check(History history) {
            throw new IllegalStateException("boom");
        }
    };

    private final History empty = History.of(List.of());

    @Test
    void composeIsValidOnlyWhenEveryPartIs() {
        Verdict both = Checkers.compose(List.of(fixed("a", true), fixed("b", true))).check(empty);
        assertTrue(both.valid());
        assertEquals(List.of("a", "b"), Checkers.parts(both).stream().map(Verdict::checker).toList());

        Verdict one = Checkers.compose(List.of(fixed("a", true), fixed("b", false))).check(empty);
        assertFalse(one.valid());
        assertEquals(List.of("b is invalid"), one.evidence());
    }

    @Test
    void aCheckerThatThrowsIsInvalidAndTheOthersStillRun() {
        List<Verdict> verdicts = Checkers.checkAll(List.of(THROWS, fixed("a", true)), empty);
        assertFalse(verdicts.get(0).valid());
        assertTrue(verdicts.get(0).evidence().getFirst().contains("boom"));
        assertTrue(verdicts.get(1).valid());
    }

    @Test
    void verdictJsonHasOneEntryPerCheckerAndAnUnknownKeyDoesNotMakeItInvalid(@TempDir Path dir) throws Exception {
        History history = new HistoryBuilder()
                .call(1, "move-tag", "r:t", "sha256:a", null)
                .call(1, "pull-tag", "r:t", null, "sha256:a")
                .call(1, "pull-tag", "r:t", null, "sha256:a")
                .build();
        List<Checker> all = List.of(new NoCorruptReads(), new LinearizableTags(2, 100), new Availability());
        Path file = dir.resolve("verdict.json");
        Checkers.writeVerdicts(file, Checkers.checkAll(all, history));

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertTrue(root.get("valid").asBoolean());
        assertEquals(List.of("no-corrupt-reads", "linearizable-tags", "availability"),
                List.copyOf(iterable(root.get("checkers").fieldNames())));
        JsonNode tags = root.get("checkers").get("linearizable-tags");
        assertTrue(tags.get("valid").asBoolean());
        assertEquals(0, tags.get("evidence").size());
        assertEquals("3 operations, more than the 2 allowed", tags.get("stats").get("unknown-keys").get("r:t").asText());

        Checkers.writeVerdicts(file, Checkers.checkAll(List.of(fixed("a", true), fixed("b", false)), history));
        root = new ObjectMapper().readTree(file.toFile());
        assertFalse(root.get("valid").asBoolean());
        assertEquals("bad", root.get("checkers").get("b").get("evidence").get(0).asText());
        assertEquals(1, root.get("checkers").get("b").get("stats").get("n").asInt());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
