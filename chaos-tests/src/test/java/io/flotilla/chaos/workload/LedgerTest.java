package io.flotilla.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private final Ledger ledger = new Ledger();

    @Test
    void aSharedTagMayNameAnyManifestSentToIt() {
        ledger.sentToTag("t", "sha256:a");
        ledger.sentToTag("t", "sha256:b");
        ledger.tagAcknowledged("t", "sha256:b");
        assertEquals(Optional.empty(), ledger.tagReadProblem("t", "sha256:a", false));
        assertTrue(ledger.tagReadProblem("t", "sha256:c", false).orElseThrow().contains("never sent"));
    }

    @Test
    void anExclusiveTagMustNameWhatItWasLastMovedTo() {
        ledger.sentToTag("t", "sha256:a");
        ledger.tagAcknowledged("t", "sha256:a");
        ledger.sentToTag("t", "sha256:b");
        ledger.tagAcknowledged("t", "sha256:b");
        assertEquals(Optional.empty(), ledger.tagReadProblem("t", "sha256:b", true));
        assertTrue(ledger.tagReadProblem("t", "sha256:a", true).orElseThrow().contains("last moved to sha256:b"));
    }

    @Test
    void aBlobMustReadBackWithItsDigestAndSize() {
        ledger.blobAcknowledged("sha256:a", 10);
        assertEquals(Optional.empty(), ledger.blobReadProblem("sha256:a", Optional.of("sha256:a"), 10));
        assertTrue(ledger.blobReadProblem("sha256:a", Optional.of("sha256:a"), 9).isPresent());
        assertTrue(ledger.blobReadProblem("sha256:a", Optional.of("sha256:x"), 10).isPresent());
        assertTrue(ledger.blobReadProblem("sha256:b", Optional.of("sha256:b"), 10).orElseThrow().contains("never"));
    }

    @Test
    void countsOperationsKeepsTheSlowestAndKeepsFailuresApartFromViolations() {
        ledger.operation(Duration.ofMillis(5));
        ledger.operation(Duration.ofMillis(7));
        ledger.failure("f");
        ledger.violation("v");
        assertEquals(2, ledger.operations());
        assertEquals(Duration.ofMillis(7), ledger.slowest());
        assertEquals(List.of("f"), ledger.failures());
        assertEquals(List.of("v"), ledger.violations());
    }
}
