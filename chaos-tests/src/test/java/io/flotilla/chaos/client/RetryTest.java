package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final List<Duration> slept = new ArrayList<>();
    private final Retry retry = new Retry(Retry.DEFAULT_BACKOFF, slept::add);

    @Test
    void successNeedsNoRetry() {
        assertEquals(200, retry.call(() -> 200, s -> s >= 500));
        assertEquals(0, retry.retries());
        assertEquals(List.of(), slept);
    }

    @Test
    void retriesFailuresWithTheBackoffUntilOneSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        int status = retry.call(() -> calls.incrementAndGet() < 3 ? 502 : 201, s -> s >= 500);
        assertEquals(201, status);
        assertEquals(2, retry.retries());
        assertEquals(0, retry.failures());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(600)), slept);
    }

    @Test
    void givesUpAfterThreeRetriesAndAnswersTheLastResult() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(503, retry.call(() -> { calls.incrementAndGet(); return 503; }, s -> s >= 500));
        assertEquals(4, calls.get());
        assertEquals(3, retry.retries());
        assertEquals(1, retry.failures());
        assertEquals(Retry.DEFAULT_BACKOFF, slept);
    }

    @Test
    void exceptionsAreRetriedAndTheLastOneIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        Retry.RetriesExhaustedException e = assertThrows(Retry.RetriesExhaustedException.class,
                () -> retry.call(() -> { throw new IOException("refused " + calls.incrementAndGet()); }, x -> false));
        assertEquals("refused 4", e.getCause().getMessage());
        assertEquals(1, retry.failures());
    }

    @Test
    void refusesMoreThanThreeRetriesOrTwoSecondsOfBackoff() {
        Duration ms100 = Duration.ofMillis(100);
        assertThrows(IllegalArgumentException.class, () -> new Retry(List.of(ms100, ms100, ms100, ms100), d -> { }));
        assertThrows(IllegalArgumentException.class, () -> new Retry(List.of(Duration.ofMillis(2001)), d -> { }));
    }

    @Test
    void theLongestStallCoversAnOperationThatRetried() {
        Retry real = new Retry(List.of(Duration.ofMillis(50)), d -> Thread.sleep(d.toMillis()));
        AtomicInteger calls = new AtomicInteger();
        real.call(() -> calls.incrementAndGet() == 1 ? 502 : 200, s -> s >= 500);
        assertEquals(true, real.longestStall().toMillis() >= 50, "stall " + real.longestStall());
    }
}
