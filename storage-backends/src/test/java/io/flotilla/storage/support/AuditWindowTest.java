package io.flotilla.storage.support;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditWindowTest {
    private static Instant ms(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    @Test
    void timesBecomeAnIdRangeRoundedUpToWholeMilliseconds() {
        AuditWindow w = AuditWindow.of(ms(5), ms(10), null);
        assertEquals(new AuditWindow(5, "0000000000005", "0000000000010"), w);
        assertEquals(9, w.lastMillis());
        assertEquals(new AuditWindow(6, "0000000000006", "0000000000011"),
                AuditWindow.of(ms(5).plusNanos(1), ms(10).plusNanos(1), null));
    }

    @Test
    void beforeIdOnlyLowersTheTop() {
        AuditWindow w = AuditWindow.of(ms(5), ms(10), "0000000000007-node-1");
        assertEquals("0000000000007-node-1", w.highId());
        assertEquals(7, w.lastMillis());
        assertEquals(6, AuditWindow.of(ms(5), ms(10), "0000000000007").lastMillis());
        assertEquals("0000000000010", AuditWindow.of(ms(5), ms(10), "0000000000012-x").highId());
        assertEquals(9, AuditWindow.of(ms(5), ms(10), "zzz").lastMillis());
    }

    @Test
    void openBoundsAreClampedToTheIdsRange() {
        AuditWindow all = AuditWindow.of(Instant.MIN, Instant.MAX, null);
        assertEquals("0000000000000", all.lowId());
        assertTrue(all.highId().compareTo("9999999999999-x") > 0);
        assertEquals(AuditWindow.MAX_MILLIS, all.lastMillis());
        assertFalse(all.isEmpty());
    }

    @Test
    void emptyWindowsAreRecognised() {
        assertTrue(AuditWindow.of(ms(10), ms(10), null).isEmpty());
        assertTrue(AuditWindow.of(ms(10), ms(5), null).isEmpty());
        assertTrue(AuditWindow.of(ms(5), ms(10), "0000000000005").isEmpty());
        assertTrue(AuditWindow.of(ms(5), ms(10), "").isEmpty());
        assertTrue(AuditWindow.of(Instant.MAX, Instant.MAX, null).isEmpty());
        assertFalse(AuditWindow.of(ms(5), ms(10), "0000000000005-a").isEmpty());
    }
}
