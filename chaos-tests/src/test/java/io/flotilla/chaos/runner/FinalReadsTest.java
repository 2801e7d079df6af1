package io.flotilla.chaos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import org.junit.jupiter.api.Test;

class FinalReadsTest {

    @Test
    void readsBackEveryAcknowledgedWriteOnceExceptDeletedOnes() {
        History h = new History();
        h.complete(h.invoke(0, "push-blob", "sha256:b1", "chaos/r0"), Op.Type.OK, "chaos/r0", null);
        h.complete(h.invoke(1, "push-blob", "sha256:b1", "chaos/r0"), Op.Type.OK, "chaos/r0", null);
        h.complete(h.invoke(1, "push-blob", "sha256:b2", "chaos/r1"), Op.Type.INFO, null, "timeout");
        h.complete(h.invoke(0, "push-manifest", "sha256:m1", "chaos/r0"), Op.Type.OK, "chaos/r0", null);
        h.complete(h.invoke(0, "push-manifest", "sha256:m2", "chaos/r0"), Op.Type.OK, "chaos/r0", null);
        h.complete(h.invoke(0, "delete", "sha256:m2", "chaos/r0"), Op.Type.INFO, null, "timeout");
        assertEquals("[Target[f=push-blob, repo=chaos/r0, digest=sha256:b1], "
                + "Target[f=push-manifest, repo=chaos/r0, digest=sha256:m1]]",
                FinalReads.targets(h.ops()).toString());
    }

    /** Seen in a kill run (seed 7): a manifest deleted, then pushed again and acknowledged, was never read back. */
    @Test
    void readsBackADigestPushedAgainAfterItsDeleteFinished() {
        History h = new History();
        h.complete(h.invoke(5, "push-manifest", "sha256:m1", "chaos/r1"), Op.Type.OK, "chaos/r1", null);
        h.complete(h.invoke(5, "delete", "sha256:m1", "chaos/r1"), Op.Type.OK, "chaos/r1", null);
        h.complete(h.invoke(5, "push-manifest", "sha256:m1", "chaos/r1"), Op.Type.OK, "chaos/r1", null);
        h.complete(h.invoke(5, "push-manifest", "sha256:m2", "chaos/r1"), Op.Type.OK, "chaos/r1", null);
        h.complete(h.invoke(5, "delete", "sha256:m2", "chaos/r1"), Op.Type.FAIL, null, "404");
        assertEquals("[Target[f=push-manifest, repo=chaos/r1, digest=sha256:m1], "
                + "Target[f=push-manifest, repo=chaos/r1, digest=sha256:m2]]",
                FinalReads.targets(h.ops()).toString());
    }
}
