package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.HistoryBuilder;
import io.flotilla.chaos.history.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    private static final int N = Op.NEMESIS;

    /** 1 s without faults (2 ok), then node2 killed for 1 s (1 ok, 1 fail, 1 info), then 1 s healed (1 ok). */
    private static History run() {
        return new HistoryBuilder()
                .at(0).invoke(1, "pull-tag", "r:t", null).at(10).ok(1, null)
                .at(100).invoke(1, "pull-tag", "r:t", null).at(130).ok(1, null)
                .at(1000).invoke(N, "kill", "node2", null).at(1001).info(N, null)
                .at(1100).invoke(1, "pull-tag", "r:t", null).at(1300).ok(1, null)
                .at(1200).invoke(2, "move-tag", "r:t", "sha256:a").at(1250).fail(2, "503")
                .at(1400).invoke(3, "push-blob", "sha256:b", null).at(1900).info(3, "timeout")
                .at(2000).invoke(N, "start", "node2", null).at(2000).ok(N, null)
                .at(2500).invoke(1, "pull-tag", "r:t", null).at(3000).ok(1, null)
                .build();
    }

    @Test
    void reportsEachWindowAndTheTimeWithoutFaults() {
        Verdict v = new Availability().check(run());
        assertTrue(v.valid());
        @SuppressWarnings("unchecked")
        Map<String, Object> kill = ((Map<String, Map<String, Object>>) v.stats().get("windows")).get("kill node2");
        assertEquals(1, kill.get("ok"));
        assertEquals(1, kill.get("fail"));
        assertEquals(1, kill.get("info"));
        assertEquals(1.0, kill.get("seconds"));
        assertEquals(3.0, kill.get("ops-per-second"));
        assertEquals(200.0, kill.get("latency-p50-ms"));
        assertEquals(500.0, kill.get("latency-max-ms"));
        assertEquals(1, kill.get("occurrences"));

        @SuppressWarnings("unchecked")
        Map<String, Object> calm = (Map<String, Object>) v.stats().get(Availability.NO_FAULT);
        assertEquals(3, calm.get("ok"));
        assertEquals(0, calm.get("fail"));
        assertEquals(2.0, calm.get("seconds"));
        assertEquals(30.0, calm.get("latency-p50-ms"));
        assertEquals(500.0, calm.get("latency-p99-ms"));
        assertEquals(1, ((List<?>) v.stats().get("intervals")).size());
    }

    @Test
    void aThresholdJudgesOnlyOperationsOutsideFaults() {
        assertTrue(new Availability(1.0).check(run()).valid(), "failures during the kill do not count");
        History slowRecovery = new HistoryBuilder()
                .at(0).invoke(1, "pull-tag", "r:t", null).at(10).ok(1, null)
                .at(20).invoke(N, "heal", "all", null).at(30).ok(N, null)
                .at(40).invoke(1, "pull-tag", "r:t", null).at(50).fail(1, "503")
                .at(60).invoke(1, "pull-tag", "r:t", null).at(70).info(1, "timeout")
                .build();
        Verdict v = new Availability(0.5).check(slowRecovery);
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().contains("only 0.333 of 3 operations"), v.evidence().toString());
        assertTrue(new Availability(0.3).check(slowRecovery).valid());
    }

    @Test
    void anEmptyHistoryIsValidAndARatioOutsideZeroToOneIsRefused() {
        assertTrue(new Availability(0.99).check(History.of(List.of())).valid());
        assertThrows(IllegalArgumentException.class, () -> new Availability(1.5));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> sorted = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(5, OutcomeTally.percentile(sorted, 50));
        assertEquals(10, OutcomeTally.percentile(sorted, 99));
        assertEquals(1, OutcomeTally.percentile(sorted, 0));
        assertEquals(0, OutcomeTally.percentile(List.of(), 50));
    }
}
