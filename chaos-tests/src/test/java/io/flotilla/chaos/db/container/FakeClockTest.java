package io.flotilla.chaos.db.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeClockTest {

    @Test
    void offsetsAreLibfaketimesSignedSeconds() {
        assertEquals("+45", FakeClock.offset(Duration.ofSeconds(45)));
        assertEquals("-7", FakeClock.offset(Duration.ofSeconds(-7)));
        assertEquals("+0", FakeClock.offset(Duration.ZERO));
    }

    @Test
    void onlyTheWallClockIsFakedAndTheOffsetIsReReadEverySecond() {
        assertEquals("1", FakeClock.environment().get("FAKETIME_DONT_FAKE_MONOTONIC"));
        assertEquals("1", FakeClock.environment().get("FAKETIME_CACHE_DURATION"));
        assertEquals("0", FakeClock.environment().get("FAKETIME_FORCE_MONOTONIC_FIX"));
        assertEquals(FakeClock.LIBRARY, FakeClock.environment().get("LD_PRELOAD"));
    }
}
