package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.chaos.history.HistoryBuilder;
import io.flotilla.chaos.history.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

    private static final int N = Op.NEMESIS;
    private static final long MS = 1_000_000L;

    @Test
    void startClosesTheKillOfTheSameNodeOnly() {
        List<FaultWindow> windows = FaultWindows.of(new HistoryBuilder()
                .at(10).invoke(N, "kill", "node1", null).at(12).info(N, null)
                .at(20).invoke(N, "kill", "node2", null).at(21).ok(N, null)
                .at(30).invoke(N, "start", "node2", null).at(35).ok(N, null)
                .at(40).invoke(0, "pull-tag", "r:t", null).at(50).ok(0, null)
                .build());
        assertEquals(List.of(
                new FaultWindow("kill node1", 10 * MS, 12 * MS, 50 * MS), // never started: open to the end
                new FaultWindow("kill node2", 20 * MS, 21 * MS, 35 * MS)), windows);
    }

    @Test
    void resumeClosesThePauseAndHealClosesEveryNetworkFaultButNotKills() {
        List<FaultWindow> windows = FaultWindows.of(new HistoryBuilder()
                .at(0).invoke(N, "partition", "node1|node2,node3", null).at(1).info(N, null)
                .at(2).invoke(N, "isolate", "node3|ceph", null).at(3).info(N, null)
                .at(4).invoke(N, "pause", "node2", null).at(5).info(N, null)
                .at(6).invoke(N, "kill", "node1", null).at(7).info(N, null)
                .at(8).invoke(N, "heal", "all", null).at(9).ok(N, null)
                .at(10).invoke(N, "resume", "node2", null).at(11).ok(N, null)
                .at(12).invoke(N, "start", "node1", null).at(13).ok(N, null)
                .build());
        assertEquals(List.of(
                new FaultWindow("partition node1|node2,node3", 0, MS, 9 * MS),
                new FaultWindow("isolate node3|ceph", 2 * MS, 3 * MS, 9 * MS),
                new FaultWindow("pause node2", 4 * MS, 5 * MS, 11 * MS),
                new FaultWindow("kill node1", 6 * MS, 7 * MS, 13 * MS)), windows);
    }

    @Test
    void aFailedFaultClosesWhenItFailsAndAnUnansweredOneWasNeverApplied() {
        List<FaultWindow> windows = FaultWindows.of(new HistoryBuilder()
                .at(0).invoke(N, "pause", "node2", null).at(4).fail(N, "no such process")
                .at(5).invoke(N, "kill", "node3", null)
                .at(9).invoke(0, "pull-tag", "r:t", null)
                .build());
        assertEquals(List.of(
                new FaultWindow("pause node2", 0, -1, 4 * MS),
                new FaultWindow("kill node3", 5 * MS, -1, 9 * MS)), windows);
    }

    @Test
    void startClosesAGracefulStopOfTheSameNode() {
        List<FaultWindow> windows = FaultWindows.of(new HistoryBuilder()
                .at(0).invoke(N, "stop", "node2", null).at(1).info(N, null)
                .at(5).invoke(N, "start", "node2", null).at(8).info(N, null)
                .at(9).invoke(N, "slow", "node1+300ms", null).at(10).info(N, null)
                .at(12).invoke(N, "heal", "node1+300ms", null).at(13).info(N, null)
                .build());
        assertEquals(List.of(
                new FaultWindow("stop node2", 0, MS, 8 * MS),
                new FaultWindow("slow node1+300ms", 9 * MS, 10 * MS, 13 * MS)), windows);
    }
}
