package io.flotilla.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one-way cut, packet loss and slow node nemeses: same seed same plan, targets in range, history. */
class NewNemesesTest {

    private static final Schedule QUICK = new Schedule(Duration.ofMillis(1), Duration.ofMillis(3),
            Duration.ofMillis(1), Duration.ofMillis(2));

    /** The first {@code n} calls a nemesis makes on a recording db, and the history it wrote. */
    private record Run(List<String> calls, History history) {
    }

    private static Run run(Supplier<ScheduledNemesis> nemesis, long seed, int n) throws InterruptedException {
        ScheduledNemesisTest.FakeDb db = new ScheduledNemesisTest.FakeDb();
        History history = new History();
        ScheduledNemesis nem = nemesis.get();
        nem.start(db, history, new SplittableRandom(seed));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (db.calls.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        nem.stop();
        assertTrue(db.calls.size() >= n, "only " + db.calls.size() + " calls in 5 s");
        return new Run(List.copyOf(db.calls.subList(0, n)), history);
    }

    private static void assertSeedFixesThePlan(Supplier<ScheduledNemesis> nemesis) throws InterruptedException {
        List<String> a = run(nemesis, 11, 30).calls();
        assertEquals(a, run(nemesis, 11, 30).calls());
        assertNotEquals(a, run(nemesis, 12, 30).calls());
    }

    @Test
    void oneWayCutsArePlannedBySeedAndAlternateWithHeals() throws InterruptedException {
        assertSeedFixesThePlan(() -> new OneWayCutNemesis(QUICK));
        Run r = run(() -> new OneWayCutNemesis(QUICK), 3, 40);
        for (int i = 0; i < r.calls().size(); i += 2) {
            assertTrue(r.calls().get(i).matches("cut-one-way node[123]>node[123]"), r.calls().get(i));
            assertEquals("heal", r.calls().get(i + 1));
        }
    }

    @Test
    void aOneWayPairIsTwoDifferentNodesAndEveryOrderedPairOccurs() {
        List<String> nodes = List.of("node1", "node2", "node3");
        SplittableRandom rng = new SplittableRandom(5);
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            List<String> pair = OneWayCutNemesis.pair(nodes, rng);
            assertNotEquals(pair.get(0), pair.get(1));
            seen.add(pair);
        }
        assertEquals(6, seen.size(), seen.toString());
        assertThrows(IllegalArgumentException.class, () -> OneWayCutNemesis.pair(List.of("node1"), rng));
    }

    @Test
    void lossRatesStayInTheirRangeAndArePlannedBySeed() throws InterruptedException {
        assertSeedFixesThePlan(() -> new PacketLossNemesis(QUICK, 20, 30));
        Set<Integer> rates = new HashSet<>();
        for (String call : run(() -> new PacketLossNemesis(QUICK, 20, 30), 4, 60).calls()) {
            if (call.startsWith("lose ")) {
                int percent = (int) Math.round(Double.parseDouble(call.split(" ")[2]) * 100);
                assertTrue(percent >= 20 && percent <= 30, call);
                rates.add(percent);
            }
        }
        assertTrue(rates.size() > 3, "rates drawn: " + rates);
        assertThrows(IllegalArgumentException.class, () -> new PacketLossNemesis(QUICK, 30, 20));
        assertThrows(IllegalArgumentException.class, () -> new PacketLossNemesis(QUICK, 0, 20));
    }

    @Test
    void delaysStayInTheirRangeAndArePlannedBySeed() throws InterruptedException {
        assertSeedFixesThePlan(() -> new SlowNodeNemesis(QUICK, Duration.ofMillis(200), Duration.ofMillis(500)));
        for (String call : run(() -> new SlowNodeNemesis(QUICK, Duration.ofMillis(200), Duration.ofMillis(500)),
                6, 40).calls()) {
            if (call.startsWith("slow ")) {
                long ms = Long.parseLong(call.split(" ")[2]);
                assertTrue(ms >= 200 && ms <= 500, call);
            } else {
                assertEquals("heal", call);
            }
        }
    }

    @Test
    void eachFaultIsRecordedAndHealedUnderTheSameTarget() throws InterruptedException {
        History history = run(() -> new SlowNodeNemesis(QUICK, Duration.ofMillis(200), Duration.ofMillis(500)),
                8, 10).history();
        List<Op> invokes = history.ops().stream().filter(o -> o.type() == Op.Type.INVOKE).toList();
        assertTrue(invokes.size() >= 10);
        for (int i = 0; i + 1 < invokes.size(); i += 2) {
            Op fault = invokes.get(i);
            Op heal = invokes.get(i + 1);
            assertEquals("slow", fault.f());
            assertTrue(fault.key().matches("node[123]\\+\\d+ms"), fault.key());
            assertEquals("heal", heal.f());
            // The report and FaultWindows pair a fault with its undo by target.
            assertEquals(fault.key(), heal.key());
            assertNotSame(fault, heal);
            assertTrue(fault.process() == Op.NEMESIS && heal.process() == Op.NEMESIS);
        }
    }

    @Test
    void skewsGoBothWaysWithinTheirRangeAndArePlannedBySeed() throws InterruptedException {
        assertSeedFixesThePlan(() -> new ClockSkewNemesis(QUICK, Duration.ofSeconds(5), Duration.ofSeconds(60)));
        boolean ahead = false;
        boolean behind = false;
        for (String call : run(() -> new ClockSkewNemesis(QUICK, Duration.ofSeconds(5), Duration.ofSeconds(60)),
                9, 60).calls()) {
            if (call.startsWith("skew ")) {
                long s = Long.parseLong(call.split(" ")[2]);
                assertTrue(Math.abs(s) >= 5 && Math.abs(s) <= 60, call);
                ahead |= s > 0;
                behind |= s < 0;
            }
        }
        assertTrue(ahead && behind, "30 faults all went one way");
    }

    @Test
    void alternatingFaultsComeInTurnEachUndoneBeforeTheNext() throws InterruptedException {
        List<String> calls = run(() -> new AlternatingNemesis(QUICK, List.of(new PartitionNemesis(QUICK),
                new KillNemesis(QUICK))), 11, 8).calls();
        for (int i = 0; i < 8; i += 4) {
            assertTrue(calls.get(i).startsWith("partition "), calls.toString());
            assertEquals("heal", calls.get(i + 1), calls.toString());
            assertTrue(calls.get(i + 2).startsWith("kill "), calls.toString());
            assertEquals(calls.get(i + 2).replace("kill", "start"), calls.get(i + 3), calls.toString());
        }
        assertSeedFixesThePlan(() -> new AlternatingNemesis(QUICK, List.of(new PartitionNemesis(QUICK),
                new KillNemesis(QUICK))));
    }
}
