package io.flotilla.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.auth.Credentials;
import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScheduledNemesisTest {

    /** A Db that only records what was done to it. */
    static final class FakeDb implements Db {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        public void setup(int nodes) { }
        public URI endpoint() { return URI.create("http://127.0.0.1:1"); }
        public Credentials credentials() { return new Credentials("admin", "unused"); }
        public List<String> nodes() { return List.of("node1", "node2", "node3"); }
        public URI node(String node) { return endpoint(); }
        public void kill(String node) { calls.add("kill " + node); }
        public void start(String node) { calls.add("start " + node); }
        public void pause(String node) { calls.add("pause " + node); }
        public void resume(String node) { calls.add("resume " + node); }
        public void partition(List<List<String>> sides) { calls.add("partition " + sides); }
        public void isolateFromServices(String node, String service) { throw new UnsupportedOperationException(); }
        public void cutOneWay(String from, String to) { calls.add("cut-one-way " + from + ">" + to); }
        public void loseIncoming(String node, double p) { calls.add("lose " + node + " " + p); }
        public void slow(String node, Duration delay) { calls.add("slow " + node + " " + delay.toMillis()); }
        public void skewClock(String node, Duration offset) { calls.add("skew " + node + " " + offset.toSeconds()); }
        public void heal() { calls.add("heal"); }
        public void collectLogs(Path dir) { }
        public void teardown() { }
    }

    private static final Schedule FAST = new Schedule(Duration.ofMillis(20), Duration.ofMillis(20),
            Duration.ofMinutes(10), Duration.ofMinutes(10));

    @Test
    void stopUndoesTheFaultInPlaceAndRecordsBoth() throws Exception {
        FakeDb db = new FakeDb();
        History history = new History();
        KillNemesis nemesis = new KillNemesis(FAST);
        nemesis.start(db, history, new SplittableRandom(1));
        // The fault lasts 10 minutes unless stopped: wait for it to be in place, then stop.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (db.calls.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        nemesis.stop();
        assertEquals(2, db.calls.size(), db.calls.toString());
        String node = db.calls.get(0).substring("kill ".length());
        assertEquals("start " + node, db.calls.get(1));
        List<Op> ops = history.ops();
        assertEquals(List.of("kill", "kill", "start", "start"), ops.stream().map(Op::f).toList());
        assertEquals(List.of(Op.Type.INVOKE, Op.Type.INFO, Op.Type.INVOKE, Op.Type.INFO),
                ops.stream().map(Op::type).toList());
        assertTrue(ops.stream().allMatch(o -> o.process() == Op.NEMESIS && o.key().equals(node)));
    }

    @Test
    void sameSeedSameTargets() throws Exception {
        assertEquals(targets(5), targets(5));
    }

    private static List<String> targets(long seed) throws Exception {
        FakeDb db = new FakeDb();
        Schedule quick = new Schedule(Duration.ofMillis(1), Duration.ofMillis(3), Duration.ofMillis(1),
                Duration.ofMillis(2));
        PartitionNemesis nemesis = new PartitionNemesis(quick);
        nemesis.start(db, new History(), new SplittableRandom(seed));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (db.calls.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        nemesis.stop();
        return List.copyOf(db.calls.subList(0, 20));
    }
}
