package io.flotilla.chaos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void namesAreUniqueAndIncludeWhatCiRuns() {
        List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        assertTrue(names.containsAll(List.of("kill", "pause", "partition")), names.toString());
    }

    @Test
    void aRegressionKeepsItsSeedWhateverIsAsked() {
        assertFalse(Scenarios.regressions().isEmpty());
        for (Scenario regression : Scenarios.regressions()) {
            assertTrue(regression.name().startsWith("regression-"), regression.name());
            long pinned = regression.pinnedSeed().orElseThrow();
            assertEquals(pinned, regression.seed(pinned + 1));
            assertTrue(Scenarios.all().contains(regression));
        }
    }

    @Test
    void aPlainScenarioRunsWithTheSeedAsked() {
        assertEquals(42, Scenarios.named("kill").orElseThrow().seed(42));
    }
}
