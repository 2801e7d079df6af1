package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a grid call that hangs or fails turns into a prompt, counted degradation. */
class GridCallsTest {

    private final GridCalls calls = new GridCalls(Duration.ofMillis(200));

    @Test
    void anAnswerIsReturnedAndNotCounted() {
        assertEquals(Optional.of("x"), calls.await("get", () -> CompletableFuture.completedFuture("x")));
        assertEquals(Optional.empty(), calls.await("get", () -> CompletableFuture.completedFuture(null)));
        assertEquals(0, calls.degradedCount());
    }

    @Test
    void aCallThatNeverAnswersGivesUpAtTheTimeout() {
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), calls.await("get", CompletableFuture::new));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 190 && ms < 1_000, "waited " + ms + " ms");
        assertEquals(1, calls.degradedCount());
    }

    @Test
    void failuresThrownOrReturnedAreDegraded() {
        assertEquals(Optional.empty(), calls.await("put", () -> {
            throw new HazelcastInstanceNotActiveException();
        }));
        assertEquals(Optional.empty(), calls.await("put",
                () -> CompletableFuture.failedFuture(new SplitBrainProtectionException("minority"))));
        assertEquals(2, calls.degradedCount());
    }
}
