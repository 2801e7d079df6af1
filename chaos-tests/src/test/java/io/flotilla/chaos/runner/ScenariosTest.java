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

    @Test
    void gcIsListedRunsOnEitherDbAndStartsNodesWithFastGc() {
        Scenario gc = Scenarios.named("gc").orElseThrow();
        assertFalse(gc.containerOnly());
        assertEquals("4", gc.workload().nodeEnv().get("FLOTILLA_GC_DELAY_SECONDS"));
        assertEquals("0", gc.workload().nodeEnv().get("FLOTILLA_GC_UNTAGGED_AFTER_HOURS"));
        assertFalse(gc.workload().retryMissingFinalReads());
        assertTrue(gc.workload().checkers().stream().anyMatch(c -> c.name().equals("gc-safety")));
        // every other scenario keeps the default workload: nodes on default settings, the strict checks
        for (Scenario s : Scenarios.all()) {
            if (!s.name().equals("gc")) {
                assertTrue(s.workload().nodeEnv().isEmpty(), s.name());
                assertTrue(s.workload().checkers().stream().noneMatch(c -> c.name().equals("gc-safety")), s.name());
            }
        }
    }
}
