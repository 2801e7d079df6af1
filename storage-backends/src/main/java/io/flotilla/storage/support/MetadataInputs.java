package io.flotilla.storage.support;

import io.flotilla.model.Names;
import io.flotilla.storage.spi.AuditEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one check of what callers pass to the access-control record and audit methods of
 * {@link io.flotilla.storage.spi.MetadataStore}; every backend calls it first, so all refuse the same input,
 * with an IllegalArgumentException that says what is wrong.
 *
 * <p>Text must be valid Unicode (no unpaired surrogate): both backends store UTF-8, and the drivers would
 * silently replace such a character, so two different keys could become one.
 */
public final class MetadataInputs {
    public static final int MAX_KEY_LENGTH = 512;
    /** Of a record's document, and of an audit event's text fields together, in UTF-8 bytes. */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    /** Cassandra's longest TTL (20 years); longer retentions are shortened to it in every backend, so they agree. */
    public static final Duration MAX_RETENTION = Duration.ofSeconds(630_720_000);

    private static final Instant LAST_TIME = Instant.ofEpochMilli(AuditWindow.MAX_MILLIS).plusNanos(999_999);
    private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,31}");

    private MetadataInputs() {
    }

    /** A record kind: a lower-case letter, then up to 31 lower-case letters or underscores. */
    public static String kind(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("invalid record kind " + Names.printable(kind)
                    + ": expected a lower-case letter, then up to 31 lower-case letters or '_'");
        }
        return kind;
    }

    /** A record key: 1 to {@value #MAX_KEY_LENGTH} characters, none of them a control character. */
    public static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a record key must not be empty");
        }
        return keyText("record key", key);
    }

    /** A listing prefix: like a key, but may be empty (all keys). */
    public static String prefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("a listing prefix must not be null; \"\" lists every key");
        }
        return keyText("listing prefix", prefix);
    }

    /** An exclusive listing bound ({@code after}, {@code beforeId}): null for none, else like a key. */
    public static String bound(String what, String bound) {
        return bound == null ? null : keyText(what, bound);
    }

    /** A record's document: present, valid text, at most {@value #MAX_DOCUMENT_BYTES} UTF-8 bytes. */
    public static String document(String document) {
        if (document == null) {
            throw new IllegalArgumentException("a record document must not be null");
        }
        long bytes = utf8Length("record document", document, 0);
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("record document is " + bytes + " bytes; at most "
                    + MAX_DOCUMENT_BYTES + " are allowed");
        }
        return document;
    }

    /** A listing limit of the record and audit listings: at least 1. */
    public static int limit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("listing limit must be positive, got " + limit);
        }
        return limit;
    }

    public static Instant time(String what, Instant time) {
        if (time == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return time;
    }

    /** A positive retention, shortened to {@link #MAX_RETENTION}. */
    public static Duration retention(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("audit retention must be positive, got " + retention);
        }
        return retention.compareTo(MAX_RETENTION) > 0 ? MAX_RETENTION : retention;
    }

    /**
     * Checks every event and keeps one per id, the last, as re-appending does: the events to write. An id is
     * a key-like text; a time lies between the epoch and {@link AuditWindow#MAX_MILLIS}, where ids stop
     * sorting by time; the text fields together take at most {@value #MAX_DOCUMENT_BYTES} UTF-8 bytes.
     */
    public static List<AuditEvent> auditEvents(List<AuditEvent> events) {
        if (events == null) {
            throw new IllegalArgumentException("audit events must not be null");
        }
        Map<String, AuditEvent> byId = new LinkedHashMap<>();
        for (AuditEvent e : events) {
            if (e == null) {
                throw new IllegalArgumentException("an audit event must not be null");
            }
            keyText("audit id", e.id());
            if (e.at().isBefore(Instant.EPOCH) || e.at().isAfter(LAST_TIME)) {
                throw new IllegalArgumentException("audit event " + Names.printable(e.id()) + " has a time outside "
                        + Instant.EPOCH + " to " + Instant.ofEpochMilli(AuditWindow.MAX_MILLIS) + ": " + e.at());
            }
            long bytes = 0;
            for (String field : List.of(e.id(), e.actor(), e.source(), e.operation(), e.resourceType(),
                    e.resource(), e.project(), e.result(), e.detail())) {
                bytes = utf8Length("audit event field", field, bytes);
            }
            if (bytes > MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException("audit event " + Names.printable(e.id()) + " is " + bytes
                        + " bytes of text; at most " + MAX_DOCUMENT_BYTES + " are allowed");
            }
            byId.remove(e.id()); // so the map's order is that of each id's last occurrence
            byId.put(e.id(), e);
        }
        return new ArrayList<>(byId.values());
    }

    private static String keyText(String what, String text) {
        if (text.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(what + " is " + text.length() + " characters long; at most "
                    + MAX_KEY_LENGTH + " are allowed");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException(what + " " + Names.printable(text)
                        + " contains a control character at position " + i);
            }
        }
        utf8Length(what, text, 0);
        return text;
    }

    /**
     * {@code sum} plus the UTF-8 length of {@code text}, refusing an unpaired surrogate. Stops counting once
     * past the document limit, so a huge input costs no more than a large one.
     */
    private static long utf8Length(String what, String text, long sum) {
        long bytes = sum;
        for (int i = 0; i < text.length() && bytes <= MAX_DOCUMENT_BYTES; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " is not valid text: an unpaired surrogate at position " + i);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
