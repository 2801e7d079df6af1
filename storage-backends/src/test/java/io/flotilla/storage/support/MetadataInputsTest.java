package io.flotilla.storage.support;

import io.flotilla.storage.spi.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataInputsTest {

    @Test
    void documentsAreMeasuredInUtf8Bytes() {
        String emoji = "\uD83D\uDE00"; // 4 bytes, 2 chars
        assertEquals(MetadataInputs.MAX_DOCUMENT_BYTES / 4,
                MetadataInputs.document(emoji.repeat(MetadataInputs.MAX_DOCUMENT_BYTES / 4)).length() / 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetadataInputs.document(emoji.repeat(MetadataInputs.MAX_DOCUMENT_BYTES / 4) + "a"));
        assertTrue(e.getMessage().contains("65537 bytes"), e.getMessage());
        MetadataInputs.document("€".repeat(MetadataInputs.MAX_DOCUMENT_BYTES / 3)); // 3 bytes each
    }

    @Test
    void refusalsSayWhatIsWrongWithoutEchoingControlCharacters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetadataInputs.key("a\u001bb"));
        assertTrue(e.getMessage().contains("control character at position 1"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetadataInputs.kind("Users"));
        assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
    }

    @Test
    void theLastEventOfAnIdWinsAndEachIdIsWrittenOnce() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        AuditEvent a1 = event(at, "a", "1");
        AuditEvent b = event(at, "b", "");
        AuditEvent a2 = event(at, "a", "2");
        assertEquals(List.of(b, a2), MetadataInputs.auditEvents(List.of(a1, b, a2)));
    }

    @Test
    void retentionIsPositiveAndCappedAtCassandrasLongestTtl() {
        assertEquals(Duration.ofDays(7), MetadataInputs.retention(Duration.ofDays(7)));
        assertEquals(MetadataInputs.MAX_RETENTION, MetadataInputs.retention(Duration.ofDays(365L * 100)));
        assertThrows(IllegalArgumentException.class, () -> MetadataInputs.retention(Duration.ofNanos(-1)));
    }

    @Test
    void eventTimesMustFitTheIdPrefix() {
        Instant last = Instant.ofEpochMilli(AuditWindow.MAX_MILLIS);
        assertEquals(1, MetadataInputs.auditEvents(List.of(event(last, "x", ""))).size());
        assertEquals(1, MetadataInputs.auditEvents(List.of(event(Instant.EPOCH, "x", ""))).size());
        Instant beyond = last.plusMillis(1); // 14 digits: would sort before 1970
        assertThrows(IllegalArgumentException.class, () -> MetadataInputs.auditEvents(List.of(event(beyond, "x", ""))));
    }

    private static AuditEvent event(Instant at, String unique, String detail) {
        return new AuditEvent(AuditEvent.idFor(at, unique), at, "a", "s", "pull", "artifact", "r", "p", "success", detail);
    }
}
