package io.flotilla.chaos.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    /** The ops one process would perform if every write succeeded (the state learns of each). */
    private static List<String> sequence(long seed, int process, int count) {
        Generator generator = new Generator();
        ProcessState state = new ProcessState();
        var rng = Generator.random(seed, process);
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Plan plan = generator.next(state, rng);
            switch (plan) {
                case Plan.PushBlob p -> state.blobPushed(p.repo(), p.digest(), p.content().length);
                case Plan.PushManifest p -> state.manifestPushed(p.repo(), p.digest(), p.manifest());
                case Plan.MoveTag p -> state.tagAttempted(p.digest());
                case Plan.Delete p -> state.deleteAttempted(p.repo(), p.digest());
                default -> { }
            }
            ops.add(plan.describe());
        }
        return ops;
    }

    @Test
    void sameSeedAndProcessGiveTheSameOperations() {
        assertEquals(sequence(7, 3, 300), sequence(7, 3, 300));
    }

    @Test
    void otherSeedOrProcessGivesOtherOperations() {
        assertNotEquals(sequence(7, 3, 50), sequence(8, 3, 50));
        assertNotEquals(sequence(7, 3, 50), sequence(7, 4, 50));
    }

    @Test
    void theMixReachesEveryKindOfOperation() {
        Map<String, Integer> byF = new HashMap<>();
        for (String op : sequence(11, 0, 2000)) {
            byF.merge(op.substring(0, op.indexOf(' ')), 1, Integer::sum);
        }
        assertEquals(6, byF.size(), byF.toString());
        assertTrue(byF.get("delete") < byF.get("pull-tag"), byF.toString());
    }

    @Test
    void blobsStayWithinTheirSizeRange() {
        var rng = Generator.random(1, 0);
        Generator generator = new Generator();
        for (int i = 0; i < 500; i++) {
            if (generator.next(new ProcessState(), rng) instanceof Plan.PushBlob p) {
                assertTrue(p.content().length >= Generator.MIN_BLOB && p.content().length <= Generator.MAX_BLOB);
            }
        }
    }

    @Test
    void neverDeletesAManifestItTagged() {
        ProcessState state = new ProcessState();
        Generator generator = new Generator();
        var rng = Generator.random(5, 1);
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            switch (generator.next(state, rng)) {
                case Plan.PushBlob p -> state.blobPushed(p.repo(), p.digest(), p.content().length);
                case Plan.PushManifest p -> state.manifestPushed(p.repo(), p.digest(), p.manifest());
                case Plan.MoveTag p -> {
                    state.tagAttempted(p.digest());
                    tagged.add(p.digest());
                }
                case Plan.Delete p -> {
                    assertTrue(!tagged.contains(p.digest()), "deleted tagged manifest " + p.digest());
                    state.deleteAttempted(p.repo(), p.digest());
                }
                default -> { }
            }
        }
    }
}
