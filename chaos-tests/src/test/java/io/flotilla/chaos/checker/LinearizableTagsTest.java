package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.HistoryBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearizableTagsTest {

    private static final String T = "repo:latest";
    private static final String A = "sha256:a";
    private static final String B = "sha256:b";

    private final LinearizableTags checker = new LinearizableTags();

    @Test
    void aSequentialHistoryIsLinearizable() {
        assertValid(new HistoryBuilder()
                .call(1, "pull-tag", T, null, null)
                .call(1, "move-tag", T, A, null)
                .call(2, "pull-tag", T, null, A)
                .call(2, "move-tag", T, B, null)
                .call(1, "pull-tag", T, null, B)
                .build());
    }

    @Test
    void concurrentWritesMayBeSeenInEitherOrder() {
        for (String first : List.of(A, B)) {
            String second = first.equals(A) ? B : A;
            assertValid(new HistoryBuilder()
                    .invoke(1, "move-tag", T, A)
                    .invoke(2, "move-tag", T, B)
                    .call(3, "pull-tag", T, null, first)
                    .call(3, "pull-tag", T, null, second)
                    .ok(1, null)
                    .ok(2, null)
                    .call(3, "pull-tag", T, null, second)
                    .build());
        }
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeTheOldValue() {
        assertValid(new HistoryBuilder()
                .call(1, "move-tag", T, A, null)
                .invoke(1, "move-tag", T, B)
                .call(2, "pull-tag", T, null, A)
                .call(2, "pull-tag", T, null, B)
                .ok(1, null)
                .build());
    }

    @Test
    void aStaleReadAfterACompletedWriteIsNot() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "move-tag", T, A, null)
                .call(1, "move-tag", T, B, null)
                .call(2, "pull-tag", T, null, A)
                .build());
        assertFalse(v.valid());
        assertEquals(List.of(T), v.stats().get("invalid-keys"));
        String evidence = String.join("\n", v.evidence());
        assertTrue(v.evidence().getFirst().contains("at most 2 of its 3 operations linearize, after which the tag"
                + " names sha256:b"), evidence);
        assertTrue(evidence.contains("cannot place #4..5 p2 pull-tag repo:latest ok got=sha256:a"), evidence);
    }

    @Test
    void aReadOfAValueNeverWrittenIsNot() {
        Verdict v = checker.check(new HistoryBuilder()
                .invoke(1, "move-tag", T, A)
                .call(2, "pull-tag", T, null, "sha256:ghost")
                .ok(1, null)
                .build());
        assertFalse(v.valid());
        assertTrue(String.join("\n", v.evidence()).contains("got=sha256:ghost"), v.evidence().toString());
    }

    @Test
    void aTagMustNotAppearBeforeAnyoneMovedIt() {
        assertFalse(checker.check(new HistoryBuilder()
                .call(2, "pull-tag", T, null, A)
                .call(1, "move-tag", T, A, null)
                .build()).valid());
    }

    @Test
    void anInfoWriteMayBeObservedLaterEvenLongAfterItTimedOut() {
        assertValid(new HistoryBuilder()
                .call(1, "move-tag", T, A, null)
                .invoke(2, "move-tag", T, B).info(2, "timeout")
                .call(3, "pull-tag", T, null, A)
                .call(3, "pull-tag", T, null, A)
                .call(3, "pull-tag", T, null, B)
                .call(3, "pull-tag", T, null, B)
                .build());
    }

    @Test
    void anInfoWriteMayNeverBeObserved() {
        assertValid(new HistoryBuilder()
                .call(1, "move-tag", T, A, null)
                .invoke(2, "move-tag", T, B).info(2, "timeout")
                .invoke(4, "move-tag", T, "sha256:c") // never completed at all
                .call(3, "pull-tag", T, null, A)
                .call(3, "pull-tag", T, null, A)
                .build());
    }

    @Test
    void aReadCannotSeeAnInfoWriteInvokedAfterItReturned() {
        assertFalse(checker.check(new HistoryBuilder()
                .call(3, "pull-tag", T, null, B)
                .invoke(2, "move-tag", T, B).info(2, "timeout")
                .build()).valid());
    }

    @Test
    void anInfoWriteTakesEffectOnceSoItCannotBeSeenAgainAfterBeingOverwritten() {
        assertFalse(checker.check(new HistoryBuilder()
                .invoke(2, "move-tag", T, B).info(2, "timeout")
                .call(3, "pull-tag", T, null, B)
                .call(1, "move-tag", T, A, null)
                .call(3, "pull-tag", T, null, A)
                .call(3, "pull-tag", T, null, B)
                .build()).valid());
    }

    @Test
    void failedWritesAndFailedReadsAreLeftOut() {
        assertValid(new HistoryBuilder()
                .call(1, "move-tag", T, A, null)
                .invoke(1, "move-tag", T, B).fail(1, "500")
                .invoke(2, "pull-tag", T, null).fail(2, "503")
                .invoke(2, "pull-tag", T, null).info(2, "timeout")
                .call(2, "pull-tag", T, null, A)
                .build());
        assertFalse(checker.check(new HistoryBuilder()
                .call(1, "move-tag", T, A, null)
                .invoke(1, "move-tag", T, B).fail(1, "500")
                .call(2, "pull-tag", T, null, B)
                .build()).valid());
    }

    @Test
    void readsThatSeeTheWriteOrderFlipAreNot() {
        Verdict v = checker.check(new HistoryBuilder()
                .invoke(1, "move-tag", T, A)
                .invoke(2, "move-tag", T, B)
                .call(3, "pull-tag", T, null, A)
                .call(3, "pull-tag", T, null, B)
                .call(4, "pull-tag", T, null, A)
                .ok(1, null)
                .ok(2, null)
                .build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith(T + ": not linearizable"), v.evidence().toString());
    }

    @Test
    void keysAreIndependentRegisters() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "move-tag", "r:one", A, null)
                .call(1, "move-tag", "r:two", B, null)
                .call(2, "pull-tag", "r:one", null, A)
                .call(2, "pull-tag", "r:two", null, A)
                .build());
        assertFalse(v.valid());
        assertEquals(List.of("r:two"), v.stats().get("invalid-keys"));
        assertEquals(2, v.stats().get("keys"));
        assertTrue(v.evidence().stream().allMatch(line -> line.startsWith("r:two: ")), v.evidence().toString());
    }

    @Test
    void aKeyTooBigToSearchIsUnknownNotInvalid() {
        HistoryBuilder h = new HistoryBuilder().call(1, "pull-tag", T, null, "sha256:ghost");
        for (int i = 0; i < 5; i++) {
            h.call(1, "move-tag", T, "sha256:" + i, null);
        }
        Verdict v = new LinearizableTags(5, 1000).check(h.build());
        assertTrue(v.valid());
        assertEquals(Map.of(T, "6 operations, more than the 5 allowed"), v.stats().get("unknown-keys"));
    }

    @Test
    void aSearchOverItsStateBudgetIsUnknownNotInvalid() {
        // Ten concurrent writes and a read of a value none wrote: proving that needs many configurations.
        HistoryBuilder h = new HistoryBuilder();
        for (int p = 0; p < 10; p++) {
            h.invoke(p, "move-tag", T, "sha256:" + p);
        }
        h.call(99, "pull-tag", T, null, "sha256:ghost");
        for (int p = 0; p < 10; p++) {
            h.ok(p, null);
        }
        History history = h.build();
        Verdict bounded = new LinearizableTags(1000, 50).check(history);
        assertTrue(bounded.valid());
        assertEquals(Map.of(T, "gave up after 50 states"), bounded.stats().get("unknown-keys"));
        assertFalse(new LinearizableTags().check(history).valid());
    }

    @Test
    void aLargeConcurrentHistoryFromAnAtomicRegisterIsLinearizableAndQuickToCheck() {
        for (long seed = 1; seed <= 3; seed++) {
            History history = new RegisterSimulation(seed).run(5, 200, List.of(T));
            long start = System.nanoTime();
            Verdict v = checker.check(history);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(v.valid(), "seed " + seed + ": " + v.evidence());
            assertEquals(Map.of(), v.stats().get("unknown-keys"));
            assertEquals(1000, v.stats().get("operations"));
            assertTrue(millis < 2000, "seed " + seed + " took " + millis + " ms");
        }
    }

    @Test
    void aSimulatedHistoryWithOneReadCorruptedIsCaught() {
        History history = new RegisterSimulation(7).run(5, 100, List.of(T, "repo:stable"));
        List<io.flotilla.chaos.history.Op> ops = new java.util.ArrayList<>(history.ops());
        int last = ops.size() - 1;
        while (!(ops.get(last).f().equals("pull-tag") && ops.get(last).value() != null)) {
            last--;
        }
        io.flotilla.chaos.history.Op read = ops.get(last);
        ops.set(last, new io.flotilla.chaos.history.Op(read.index(), read.process(), read.type(), read.f(),
                read.key(), "sha256:never-written", read.timeNanos(), null));
        Verdict v = checker.check(History.of(ops));
        assertFalse(v.valid());
        assertEquals(List.of(read.key()), v.stats().get("invalid-keys"));
    }

    private void assertValid(History history) {
        Verdict v = checker.check(history);
        assertTrue(v.valid(), String.join("\n", v.evidence()));
        assertEquals(List.of(), v.stats().get("invalid-keys"));
    }
}
