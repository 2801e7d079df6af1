package io.flotilla.node.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottlePolicyTest {

    private static final ThrottlePolicy POLICY = ThrottlePolicy.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theFirstFailuresAreFreeThenTheDelayDoublesUpToTheCap() {
        for (int failures = 0; failures < 5; failures++) {
            assertEquals(Duration.ZERO, POLICY.delay(failures), "after " + failures);
        }
        assertEquals(Duration.ofSeconds(1), POLICY.delay(5));
        assertEquals(Duration.ofSeconds(2), POLICY.delay(6));
        assertEquals(Duration.ofSeconds(256), POLICY.delay(13));
        assertEquals(Duration.ofMinutes(5), POLICY.delay(14));
        assertEquals(Duration.ofMinutes(5), POLICY.delay(1_000));
        assertEquals(Duration.ofMinutes(5), POLICY.delay(Integer.MAX_VALUE));
    }

    @Test
    void theCapHoldsWithoutOverflowForLargeDurations() {
        ThrottlePolicy slow = new ThrottlePolicy(1, Duration.ofDays(1), Duration.ofDays(3650), Duration.ofDays(7300));
        assertEquals(Duration.ofDays(8), slow.delay(4));
        assertEquals(Duration.ofDays(3650), slow.delay(60));
    }

    @Test
    void theWaitCountsFromTheLastFailure() {
        assertEquals(Duration.ofMillis(600), POLICY.wait(5, T0, T0.plusMillis(400)));
        assertEquals(Duration.ZERO, POLICY.wait(5, T0, T0.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(2), POLICY.wait(6, T0, T0));
        assertEquals(Duration.ZERO, POLICY.wait(4, T0, T0));
        assertEquals(Duration.ZERO, POLICY.wait(0, T0, T0));
    }

    @Test
    void aQuietKeyIsForgotten() {
        // Three failures ask for 40 min here, but the key is forgotten after 15 quiet minutes.
        ThrottlePolicy capPastQuiet = new ThrottlePolicy(1, Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(15));
        Duration almostQuiet = Duration.ofMinutes(15).minusSeconds(1);
        assertEquals(Duration.ofMinutes(25).plusSeconds(1), capPastQuiet.wait(3, T0, T0.plus(almostQuiet)));
        assertEquals(Duration.ZERO, capPastQuiet.wait(3, T0, T0.plus(Duration.ofMinutes(15))));
        assertFalse(POLICY.forgotten(T0, T0.plus(Duration.ofMinutes(15)).minusNanos(1)));
        assertTrue(POLICY.forgotten(T0, T0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new ThrottlePolicy(0, second, second, second));
        assertThrows(IllegalArgumentException.class, () -> new ThrottlePolicy(5, Duration.ZERO, second, second));
        assertThrows(IllegalArgumentException.class, () -> new ThrottlePolicy(5, Duration.ofSeconds(2), second, second));
        assertThrows(IllegalArgumentException.class, () -> new ThrottlePolicy(5, second, second, Duration.ZERO));
    }
}
