package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.HistoryBuilder;
import org.junit.jupiter.api.Test;

class NoCorruptReadsTest {

    private final NoCorruptReads checker = new NoCorruptReads();

    @Test
    void readsThatGetTheirDigestAndReadsThatFailAreFine() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "pull-digest", "sha256:a", null, "sha256:a")
                .invoke(2, "pull-digest", "sha256:b", null).fail(2, "404")
                .invoke(3, "pull-digest", "sha256:c", null).info(3, "timeout")
                .call(4, "pull-tag", "r:t", null, "sha256:zzz") // not a read by digest
                .build());
        assertTrue(v.valid(), v.evidence().toString());
        assertEquals(1, v.stats().get("reads"));
        assertEquals(0, v.stats().get("corrupt"));
    }

    @Test
    void anOkReadOfOtherBytesIsCorruptAndNamesItsOps() {
        Verdict v = checker.check(new HistoryBuilder()
                .call(1, "pull-digest", "sha256:a", null, "sha256:a")
                .call(2, "pull-digest", "sha256:b", null, "sha256:x")
                .call(1000, "pull-digest", "sha256:c", null, null)
                .build());
        assertFalse(v.valid());
        assertEquals(2, v.evidence().size());
        assertTrue(v.evidence().get(0).contains("#2..3 p2"), v.evidence().get(0));
        assertTrue(v.evidence().get(0).contains("sha256:x"), v.evidence().get(0));
        assertTrue(v.evidence().get(1).contains("p1000"), v.evidence().get(1));
        assertEquals(2, v.stats().get("corrupt"));
    }
}
