package io.flotilla.chaos.generator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void paces_acquiresToTheRate() {
        RateLimiter limiter = new RateLimiter(100);
        long start = System.nanoTime();
        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }
        // 21 slots at 10 ms apart: the last is 200 ms after the first.
        assertTrue(System.nanoTime() - start >= 190_000_000L);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0));
    }
}
