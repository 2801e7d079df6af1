package io.flotilla.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final List<String> NODES = List.of("node1", "node2", "node3", "node4", "node5");

    /** What a partition nemesis would do in its first cycles: gap, length, sides. */
    private static List<String> plan(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> cycles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Duration gap = Schedule.DEFAULT.nextGap(rng);
            String sides = PartitionNemesis.describe(PartitionNemesis.sides(NODES, rng));
            cycles.add(gap.toMillis() + " " + sides + " " + Schedule.DEFAULT.nextLength(rng).toMillis());
        }
        return cycles;
    }

    @Test
    void sameSeedSameFaults() {
        assertEquals(plan(42), plan(42));
        assertNotEquals(plan(42), plan(43));
    }

    @Test
    void gapsAndLengthsStayInTheirRanges() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            long gap = Schedule.DEFAULT.nextGap(rng).toMillis();
            long length = Schedule.DEFAULT.nextLength(rng).toMillis();
            assertTrue(gap >= 10_000 && gap <= 15_000, "gap " + gap);
            assertTrue(length >= 3_000 && length <= 6_000, "length " + length);
        }
    }

    @Test
    void partitionSidesAreDisjointAndCoverEveryNode() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            List<List<String>> sides = PartitionNemesis.sides(NODES, rng);
            assertEquals(2, sides.size());
            assertTrue(sides.get(0).size() <= sides.get(1).size(), sides.toString());
            var all = new HashSet<>(sides.get(0));
            all.addAll(sides.get(1));
            assertEquals(NODES.size(), all.size(), sides.toString());
            assertEquals(NODES.size(), sides.get(0).size() + sides.get(1).size());
        }
    }
}
