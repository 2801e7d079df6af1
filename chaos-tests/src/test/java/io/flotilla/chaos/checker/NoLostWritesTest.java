package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.HistoryBuilder;
import org.junit.jupiter.api.Test;

class NoLostWritesTest {

    private static final int FINAL = NoLostWrites.FINAL_READ_PROCESS_BASE;

    private final NoLostWrites checker = new NoLostWrites();

    @Test
    void acknowledgedWritesThatReadBackAtTheEndAreKept() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "push-blob", "sha256:a", null, null)
                .call(2, "push-manifest", "sha256:m", null, null)
                .invoke(3, "push-blob", "sha256:f", null).fail(3, "503") // refused: not required
                .call(FINAL, "pull-digest", "sha256:a", null, "sha256:a")
                .call(FINAL + 1, "pull-digest", "sha256:m", null, "sha256:m")
                .build());
        assertTrue(v.valid(), v.evidence().toString());
        assertEquals(2, v.stats().get("acknowledged"));
        assertEquals(0, v.stats().get("lost"));
    }

    @Test
    void anAcknowledgedWriteWithoutAFinalReadIsLost() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "push-blob", "sha256:a", null, null)
                .call(1, "push-blob", "sha256:b", null, null)
                .call(FINAL, "pull-digest", "sha256:a", null, "sha256:a")
                .build());
        assertFalse(v.valid());
        assertEquals(1, v.evidence().size());
        assertTrue(v.evidence().get(0).startsWith("lost sha256:b"), v.evidence().get(0));
        assertTrue(v.evidence().get(0).endsWith("no final read of it"), v.evidence().get(0));
    }

    @Test
    void aFinalReadThatFailsTimesOutOrGetsOtherBytesDoesNotSaveAWrite() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "push-blob", "sha256:a", null, null)
                .call(1, "push-blob", "sha256:b", null, null)
                .call(1, "push-manifest", "sha256:c", null, null)
                .invoke(FINAL, "pull-digest", "sha256:a", null).fail(FINAL, "404 BLOB_UNKNOWN")
                .invoke(FINAL, "pull-digest", "sha256:b", null).info(FINAL, "timeout")
                .call(FINAL, "pull-digest", "sha256:c", null, "sha256:x")
                .build());
        assertFalse(v.valid());
        assertEquals(3, v.stats().get("lost"));
        assertTrue(v.evidence().get(0).contains("404 BLOB_UNKNOWN"), v.evidence().get(0));
        assertTrue(v.evidence().get(2).contains("got=sha256:x"), v.evidence().get(2));
    }

    @Test
    void aReadDuringTheRunIsNotAFinalRead() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "push-blob", "sha256:a", null, null)
                .call(2, "pull-digest", "sha256:a", null, "sha256:a")
                .build());
        assertFalse(v.valid());
        assertTrue(v.evidence().get(0).contains("no final reads"), v.evidence().get(0));
        assertEquals(1, v.stats().get("lost"));
    }

    @Test
    void aFinalReadMustComeAfterTheAcknowledgement() {
        Verdict v = checker.check(new HistoryBuilder()
                .invoke(1, "push-blob", "sha256:a", null)
                .call(FINAL, "pull-digest", "sha256:a", null, "sha256:a") // concurrent with the push
                .ok(1, null)
                .build());
        assertFalse(v.valid());
    }

    @Test
    void infoWritesAreNotRequiredButCountWhenTheyReadBack() {
        Verdict v = checker.check(new HistoryBuilder()
                .invoke(1, "push-blob", "sha256:a", null).info(1, "timeout")
                .invoke(2, "push-blob", "sha256:b", null).info(2, "connection reset")
                .invoke(3, "push-blob", "sha256:c", null) // never completed
                .call(FINAL, "pull-digest", "sha256:a", null, "sha256:a")
                .invoke(FINAL, "pull-digest", "sha256:b", null).fail(FINAL, "404")
                .build());
        assertTrue(v.valid(), v.evidence().toString());
        assertEquals(0, v.stats().get("acknowledged"));
        assertEquals(1, v.stats().get("info-writes-read-back"));
    }

    @Test
    void aDeleteThatMayHaveComeAfterTheWriteExcusesIt() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "push-blob", "sha256:a", null, null)
                .invoke(2, "delete", "sha256:a", null).info(2, "timeout")
                .call(1, "push-blob", "sha256:b", null, null)
                .invoke(2, "delete", "sha256:b", null).fail(2, "500") // did not happen: b must stay
                .build());
        assertFalse(v.valid());
        assertEquals(1, v.stats().get("excused-by-delete"));
        assertEquals(1, v.stats().get("lost"));
        assertTrue(v.evidence().stream().anyMatch(e -> e.startsWith("lost sha256:b")), v.evidence().toString());
    }

    @Test
    void aWriteAcknowledgedAgainAfterADeleteIsRequiredAgain() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "push-blob", "sha256:a", null, null)
                .call(2, "delete", "sha256:a", null, null)
                .call(1, "push-blob", "sha256:a", null, null)
                .build());
        assertFalse(v.valid());
        assertTrue(v.evidence().stream().anyMatch(e -> e.startsWith("lost sha256:a: acknowledged by #4..5")),
                v.evidence().toString());
    }

    /** Under GC (delay 4 s): X pushed at 1 s and never named, L named by a manifest tagged at 1.2 s. */
    private static HistoryBuilder gcRun() {
        return new HistoryBuilder()
                .at(1000).call(1, "push-blob", "X", "r", "r")
                .at(1100).call(1, "push-blob", "L", "r", "r")
                .at(1200).invoke(1, "move-tag", "r:a", "M", java.util.List.of("L")).ok(1, "M");
    }

    @Test
    void underGcABlobUnreferencedForLongerThanTheDelayMayBeGoneAtTheEnd() {
        io.flotilla.chaos.history.History h = gcRun()
                .at(20_000).invoke(FINAL, "pull-digest", "X", null).fail(FINAL, "404 BLOB_UNKNOWN")
                .call(FINAL, "pull-digest", "L", null, "L")
                .build();
        Verdict gc = NoLostWrites.underGc(java.time.Duration.ofSeconds(4)).check(h);
        assertTrue(gc.valid(), gc.evidence().toString());
        assertEquals(1, gc.stats().get("excused-by-gc"));
        // the other scenarios' check stays as strict as it was: no GC excuse there
        Verdict strict = checker.check(h);
        assertFalse(strict.valid());
        assertTrue(strict.evidence().getFirst().startsWith("lost X"), strict.evidence().getFirst());
    }

    @Test
    void underGcABlobStillReferencedOrWithinTheDelayIsLostIfMissing() {
        NoLostWrites gc = NoLostWrites.underGc(java.time.Duration.ofSeconds(4));
        Verdict referenced = gc.check(gcRun()
                .at(20_000).invoke(FINAL, "pull-digest", "L", null).fail(FINAL, "404 BLOB_UNKNOWN")
                .build());
        assertFalse(referenced.valid());
        assertTrue(referenced.evidence().stream().anyMatch(e -> e.startsWith("lost L") && e.contains("404")),
                referenced.evidence().toString());

        Verdict withinDelay = gc.check(gcRun()
                .at(3_000).invoke(FINAL, "pull-digest", "X", null).fail(FINAL, "404 BLOB_UNKNOWN")
                .build());
        assertFalse(withinDelay.valid());
        assertEquals(0, withinDelay.stats().get("excused-by-gc"));
    }

    @Test
    void underGcAManifestTheUntaggedPolicyMayHaveDeletedIsExcused() {
        NoLostWrites gc = NoLostWrites.underGc(java.time.Duration.ofSeconds(4));
        HistoryBuilder h = new HistoryBuilder()
                .at(1000).invoke(1, "push-manifest", "M", "r", java.util.List.of("L")).ok(1, "r")
                .at(1500).invoke(1, "move-tag", "r:a", "M", java.util.List.of("L")).ok(1, "M")
                .at(2000).invoke(1, "move-tag", "r:a", "N", java.util.List.of("K")).ok(1, "N");
        Verdict collected = gc.check(h.at(7_000).invoke(FINAL, "pull-digest", "M", null)
                .fail(FINAL, "404 MANIFEST_UNKNOWN").build());
        assertTrue(collected.valid(), collected.evidence().toString());

        // before the policy had the delay to act (2 s + 4 s), the manifest had to be there
        Verdict early = gc.check(new HistoryBuilder()
                .at(1000).invoke(1, "push-manifest", "M", "r", java.util.List.of("L")).ok(1, "r")
                .at(1500).invoke(1, "move-tag", "r:a", "M", java.util.List.of("L")).ok(1, "M")
                .at(2000).invoke(1, "move-tag", "r:a", "N", java.util.List.of("K")).ok(1, "N")
                .at(5_000).invoke(FINAL, "pull-digest", "M", null).fail(FINAL, "404 MANIFEST_UNKNOWN").build());
        assertFalse(early.valid());
    }
}
