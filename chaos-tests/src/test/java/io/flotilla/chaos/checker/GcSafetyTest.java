package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.HistoryBuilder;
import io.flotilla.chaos.history.Op;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GcSafety on hand-made histories, GC delay 4 s. Times are in ms; each event takes 1 ms unless {@code at} says
 * otherwise. Blob "L" is a layer, "C" a config, "X" a blob nothing names; manifests are "M1", "M2".
 */
class GcSafetyTest {

    private static final int PHASE = Op.PHASE_PROCESS_BASE;
    private static final int FINAL = Op.FINAL_READ_PROCESS_BASE;
    private static final String NOT_FOUND = "404 BLOB_UNKNOWN";

    private final GcSafety checker = new GcSafety(Duration.ofSeconds(4));

    /** Settings reported, L and C pushed, M1 = [C, L] tagged r:a at 1.2 s, X pushed at 2 s and never named. */
    private static HistoryBuilder run() {
        return new HistoryBuilder()
                .invoke(PHASE, GcSafety.SETTINGS, "node1", null).ok(PHASE, "delaySeconds=4 graceSeconds=1 paused=false")
                .at(1000).call(1, "push-blob", "L", "r", "r")
                .at(1100).call(1, "push-blob", "C", "r", "r")
                .at(1200).invoke(1, "move-tag", "r:a", "M1", List.of("C", "L")).ok(1, "M1")
                .at(1500).call(2, "pull-digest", "L", null, "L")
                .at(2000).call(1, "push-blob", "X", "r", "r");
    }

    /** After the run: final reads, the tag read, X probed absent, one node's counters. */
    private static HistoryBuilder end(HistoryBuilder h) {
        return h.at(30_000).call(FINAL, "pull-digest", "L", null, "L")
                .call(PHASE, "pull-tag", "r:a", null, "M1")
                .at(31_000).call(PHASE + 1, GcSafety.BLOB_STATE, "X", null, "marked")
                .at(32_000).call(PHASE + 1, GcSafety.BLOB_STATE, "X", null, "absent")
                .call(PHASE, GcSafety.METRICS, "node1", null, "revived=2 blobs-deleted=5 bytes-deleted=100");
    }

    @Test
    void aValidHistoryPassesAndReportsCollection() {
        Verdict v = checker.check(end(run().at(20_000).invoke(2, "pull-digest", "X", null).fail(2, NOT_FOUND))
                .build());
        assertTrue(v.valid(), v.evidence().toString());
        assertEquals(1, v.stats().get("must-collect"));
        assertEquals(1, v.stats().get("collected"));
        assertEquals(0, v.stats().get("collected-before-probe"));
        // the workload's last event is X's 404 at 20.001 s; X was seen absent at 32.001 s
        assertEquals(12.0, (double) v.stats().get("all-collected-seconds-after-final-heal"), 0.01);
        // X could count as unreferenced from its push's invoke, 2 s
        assertEquals(30.0, (double) v.stats().get("max-unreferenced-to-collected-seconds"), 0.01);
        // a read that found it is a use: collection is measured from there
        Verdict read = checker.check(end(run().at(10_000).call(2, "pull-digest", "X", null, "X")).build());
        assertEquals(22.0, (double) read.stats().get("max-unreferenced-to-collected-seconds"), 0.01);
        assertEquals(2L, v.stats().get("gc-revived"));
        assertEquals(5L, v.stats().get("gc-blobs-deleted"));
        assertEquals(100L, v.stats().get("gc-bytes-deleted"));
    }

    @Test
    void aBlobOfALiveManifestReadMissingFails() {
        Verdict v = checker.check(end(run().at(10_000).invoke(2, "pull-digest", "L", null).fail(2, NOT_FOUND))
                .build());
        assertFalse(v.valid());
        assertEquals(1, v.evidence().size(), v.evidence().toString());
        assertTrue(v.evidence().getFirst().startsWith("(a) blob named by a live manifest L"), v.evidence().getFirst());
        assertEquals(1, v.stats().get("violations-live-reference"));
    }

    @Test
    void aHeadThatFindsALiveLayerMissingFailsToo() {
        Verdict v = checker.check(end(run().at(10_000).invoke(3, "head-blob", "C", null).fail(3, "404")).build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith("(a)"), v.evidence().getFirst());
    }

    @Test
    void aBlobMissingWithinTheDelayOfItsLastPushFails() {
        // X was pushed at 2.000-2.001 s: protected until 6.000 s
        Verdict v = checker.check(end(run().at(5_000).invoke(2, "pull-digest", "X", null).fail(2, NOT_FOUND))
                .build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith("(b) blob within the delay"), v.evidence().getFirst());
        assertEquals(1, v.stats().get("violations-within-delay"));
    }

    @Test
    void aRePushRestartsTheDelay() {
        Verdict v = checker.check(end(run().at(9_000).call(4, "push-blob", "X", "r", "r")
                .at(12_000).invoke(2, "pull-digest", "X", null).fail(2, NOT_FOUND)).build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().contains("(b)") && v.evidence().getFirst().contains("#"),
                v.evidence().getFirst());
    }

    @Test
    void aReadThatMayHaveHappenedAfterTheDelayIsNoViolation() {
        // invoked before 6.000 s, completed after: the 404 may have come after the delay
        Verdict v = checker.check(end(run().at(5_990).invoke(2, "pull-digest", "X", null)
                .at(6_010).fail(2, NOT_FOUND)).build());
        assertTrue(v.valid(), v.evidence().toString());
    }

    @Test
    void aBlobUnreferencedForLongerThanTheDelayMayBeMissing() {
        // M2 = [Y] pushed by digest at 3 s and deleted at 4 s: Y is protected until 4 s + 4 s
        HistoryBuilder h = run().at(2_500).call(1, "push-blob", "Y", "r", "r")
                .at(3_000).invoke(1, "push-manifest", "M2", "r", List.of("Y")).ok(1, "r")
                .at(4_000).call(1, "delete", "M2", "r", "r")
                .at(8_100).invoke(2, "pull-digest", "Y", null).fail(2, NOT_FOUND);
        Verdict v = checker.check(end(h).call(PHASE + 1, GcSafety.BLOB_STATE, "Y", null, "absent").build());
        assertTrue(v.valid(), v.evidence().toString());
        assertEquals(2, v.stats().get("must-collect"));
    }

    @Test
    void aBlobMissingWithinTheDelayAfterItsLastReferenceEndedFails() {
        HistoryBuilder h = run().at(2_500).call(1, "push-blob", "Y", "r", "r")
                .at(3_000).invoke(1, "push-manifest", "M2", "r", List.of("Y")).ok(1, "r")
                .at(5_000).call(1, "delete", "M2", "r", "r")  // the reference ends at 5 s: Y is kept until 9 s
                .at(8_500).invoke(2, "pull-digest", "Y", null).fail(2, NOT_FOUND);
        Verdict v = checker.check(end(h).call(PHASE + 1, GcSafety.BLOB_STATE, "Y", null, "absent").build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith("(b)"), v.evidence().getFirst());
    }

    @Test
    void aManifestWhoseTagMovedStaysLiveUntilThePolicyHadTheDelayToAct() {
        // r:a moves from M1 to M2 at 2 s: M1 may be deleted from 6 s, so L (only in M1) may go from 10 s
        HistoryBuilder moved = run().at(1_800).call(1, "push-blob", "Z", "r", "r")
                .at(2_000).invoke(1, "move-tag", "r:a", "M2", List.of("Z")).ok(1, "M2");
        Verdict live = checker.check(moved(moved, 5_000));
        assertFalse(live.valid());
        assertTrue(live.evidence().getFirst().startsWith("(a)"), live.evidence().getFirst());

        Verdict delay = checker.check(moved(run().at(1_800).call(1, "push-blob", "Z", "r", "r")
                .at(2_000).invoke(1, "move-tag", "r:a", "M2", List.of("Z")).ok(1, "M2"), 8_000));
        assertFalse(delay.valid());
        assertTrue(delay.evidence().getFirst().startsWith("(b)"), delay.evidence().getFirst());

        Verdict after = checker.check(moved(run().at(1_800).call(1, "push-blob", "Z", "r", "r")
                .at(2_000).invoke(1, "move-tag", "r:a", "M2", List.of("Z")).ok(1, "M2"), 10_500));
        assertTrue(after.valid(), after.evidence().toString());
        // M1 lost its tag for good: its blobs must be collected too
        assertEquals(3, after.stats().get("must-collect"));
    }

    /** L read missing at {@code readAt}; the end tag read names M2, and X, C and L are probed absent. */
    private static io.flotilla.chaos.history.History moved(HistoryBuilder h, long readAt) {
        return h.at(readAt).invoke(2, "pull-digest", "L", null).fail(2, NOT_FOUND)
                .at(30_000).call(PHASE, "pull-tag", "r:a", null, "M2")
                .call(PHASE + 1, GcSafety.BLOB_STATE, "X", null, "absent")
                .call(PHASE + 1, GcSafety.BLOB_STATE, "C", null, "absent")
                .call(PHASE + 1, GcSafety.BLOB_STATE, "L", null, "absent")
                .call(PHASE, GcSafety.SETTINGS, "node2", null, "delaySeconds=4 graceSeconds=1 paused=false")
                .build();
    }

    @Test
    void aManifestPushedWithoutATagIsLiveUntilThePolicyHadTheDelayToAct() {
        // M2 = [Y] pushed by digest at 3 s: the policy may delete it from 7 s, so Y may go from 11 s
        assertTrue(untaggedRead(6_000).evidence().getFirst().startsWith("(a)"));
        assertTrue(untaggedRead(9_000).evidence().getFirst().startsWith("(b)"));
        Verdict after = untaggedRead(11_500);
        assertTrue(after.valid(), after.evidence().toString());
        assertEquals(2, after.stats().get("must-collect"));  // X, and Y: nothing tagged M2 by the end
    }

    private Verdict untaggedRead(long readAt) {
        HistoryBuilder h = run().at(2_500).call(1, "push-blob", "Y", "r", "r")
                .at(3_000).invoke(1, "push-manifest", "M2", "r", List.of("Y")).ok(1, "r")
                .at(readAt).invoke(2, "pull-digest", "Y", null).fail(2, NOT_FOUND);
        return checker.check(end(h).call(PHASE + 1, GcSafety.BLOB_STATE, "Y", null, "absent").build());
    }

    @Test
    void whatATagStillNamesAtTheEndNeedNotBeCollected() {
        HistoryBuilder h = run().at(2_500).call(1, "push-blob", "Y", "r", "r")
                .at(3_000).invoke(1, "push-manifest", "M2", "r", List.of("Y")).ok(1, "r")
                .at(3_500).invoke(1, "move-tag", "r:b", "M2", List.of("Y")).ok(1, "M2");
        Verdict v = checker.check(end(h).call(PHASE, "pull-tag", "r:b", null, "M2").build());
        assertTrue(v.valid(), v.evidence().toString());
        assertEquals(1, v.stats().get("must-collect"));
        // a tag not read at the end may name it: nothing of its repository is required then
        Verdict unread = checker.check(end(run().at(2_500).call(1, "push-blob", "Y", "r", "r")
                .at(3_000).invoke(1, "push-manifest", "M2", "r", List.of("Y")).ok(1, "r")
                .at(3_500).invoke(1, "move-tag", "r:b", "M2", List.of("Y")).ok(1, "M2")).build());
        assertEquals(1, unread.stats().get("must-collect"));
    }

    @Test
    void manifestBlobUnknownIsCleanUnlessEveryBlobItNamesWasProtected() {
        // L was pushed 0.5 s earlier: the registry had no right to call it unknown
        Verdict refused = checker.check(end(run().at(1_500).invoke(3, "push-blob", "N", "r").ok(3, "r")
                .at(1_600).invoke(3, "move-tag", "r:b", "M3", List.of("N", "L")).fail(3, "400 MANIFEST_BLOB_UNKNOWN")
                .at(1_700).call(3, "pull-tag", "r:b", null, null)).call(PHASE, "pull-tag", "r:b", null, null)
                .build());
        assertFalse(refused.valid());
        assertTrue(refused.evidence().getFirst().contains("MANIFEST_BLOB_UNKNOWN although every blob"),
                refused.evidence().getFirst());

        // P was only HEADed long ago, never pushed by this history: it may have been collected
        Verdict clean = checker.check(end(run()
                .at(1_600).invoke(3, "move-tag", "r:b", "M3", List.of("P", "L")).fail(3, "400 MANIFEST_BLOB_UNKNOWN"))
                .call(PHASE, "pull-tag", "r:b", null, null).build());
        assertTrue(clean.valid(), clean.evidence().toString());
        assertEquals(1, clean.stats().get("manifest-blob-unknown"));
    }

    @Test
    void whatMustBeCollectedButIsNotFails() {
        Verdict v = checker.check(run().at(30_000).call(PHASE, "pull-tag", "r:a", null, "M1")
                .call(PHASE + 1, GcSafety.BLOB_STATE, "X", null, "marked")
                .call(PHASE + 1, GcSafety.BLOB_STATE, "X", null, "live")
                .build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith("(c) 1 of 1 blobs") && v.evidence().getFirst().contains(
                "X (last probed live"), v.evidence().getFirst());
        assertFalse(v.stats().containsKey("all-collected-seconds-after-final-heal"));
    }

    @Test
    void aProbeThatFindsAProtectedBlobPurgingFails() {
        Verdict v = checker.check(end(run()).call(PHASE + 2, GcSafety.BLOB_STATE, "L", null, "purging").build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith("(a)") && v.evidence().getFirst().contains("probed it purging"),
                v.evidence().getFirst());
    }

    @Test
    void aLiveManifestAnswered404Fails() {
        Verdict v = checker.check(end(run().at(9_000).invoke(2, "pull-digest", "M1", null)
                .fail(2, "404 MANIFEST_UNKNOWN")).build());
        assertFalse(v.valid());
        assertTrue(v.evidence().getFirst().startsWith("(a) live manifest M1"), v.evidence().getFirst());
    }

    @Test
    void nodesRunningAnotherDelayOrPausedOrSilentMakeTheVerdictInvalid() {
        HistoryBuilder other = new HistoryBuilder().invoke(PHASE, GcSafety.SETTINGS, "node1", null)
                .ok(PHASE, "delaySeconds=86400 graceSeconds=3600 paused=true");
        Verdict v = checker.check(other.build());
        assertFalse(v.valid());
        assertEquals(2, v.evidence().size(), v.evidence().toString());
        assertTrue(v.evidence().get(0).contains("delay 86400 s"), v.evidence().get(0));
        assertTrue(v.evidence().get(1).contains("paused"), v.evidence().get(1));

        Verdict silent = checker.check(new HistoryBuilder().build());
        assertFalse(silent.valid());
        assertTrue(silent.evidence().getFirst().startsWith("no node reported"), silent.evidence().getFirst());
    }
}
