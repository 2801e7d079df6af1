package io.flotilla.storage.support;

import io.flotilla.storage.spi.AuditEvent;

import java.time.Instant;

/**
 * The ids a {@code listAudit(from, to, beforeId, …)} reads. An id starts with its event's time as
 * {@value AuditEvent#TIME_PREFIX} zero-padded epoch milliseconds, so "{@code from <= at < to}" is the id range
 * {@code [pad(from), pad(to))} (whole milliseconds, rounded up), and {@code beforeId} only lowers the top.
 * Times are clamped to the ids' range, so {@link Instant#MIN} and {@link Instant#MAX} work as open bounds.
 *
 * @param fromMillis the earliest time listed, in epoch milliseconds
 * @param lowId      the least id listed (inclusive)
 * @param highId     the bound below every id listed (exclusive)
 */
public record AuditWindow(long fromMillis, String lowId, String highId) {
    /** The last time an id can hold: {@value AuditEvent#TIME_PREFIX} nines of milliseconds (year 2286). */
    public static final long MAX_MILLIS = 9_999_999_999_999L;
    /** Above every id, since every id starts with a digit: ':' follows '9' in ASCII. */
    private static final String ABOVE_ALL_IDS = ":";

    public static AuditWindow of(Instant from, Instant to, String beforeId) {
        long fromMillis = ceilMillis(from);
        long toMillis = ceilMillis(to);
        String high = toMillis > MAX_MILLIS ? ABOVE_ALL_IDS : pad(toMillis);
        if (beforeId != null) {
            high = Utf8Order.min(high, beforeId);
        }
        return new AuditWindow(fromMillis, pad(Math.min(fromMillis, MAX_MILLIS + 1)), high);
    }

    /** The time prefix of an id at {@code millis}. */
    public static String pad(long millis) {
        return String.format("%0" + AuditEvent.TIME_PREFIX + "d", millis);
    }

    public boolean isEmpty() {
        return fromMillis > MAX_MILLIS || Utf8Order.compare(lowId, highId) >= 0;
    }

    /** The latest time an event in the window can have, in epoch milliseconds; meaningful when not empty. */
    public long lastMillis() {
        if (highId.length() < AuditEvent.TIME_PREFIX || !highId.substring(0, AuditEvent.TIME_PREFIX).chars()
                .allMatch(c -> c >= '0' && c <= '9')) {
            return MAX_MILLIS;
        }
        long prefix = Long.parseLong(highId.substring(0, AuditEvent.TIME_PREFIX));
        // an id equal to the bare prefix is above no event of that millisecond; a longer one may be
        return highId.length() == AuditEvent.TIME_PREFIX ? prefix - 1 : prefix;
    }

    /** Whole epoch milliseconds at or after {@code t}, clamped to [0, MAX_MILLIS + 1]. */
    private static long ceilMillis(Instant t) {
        if (t.isBefore(Instant.EPOCH)) {
            return 0;
        }
        if (t.isAfter(Instant.ofEpochMilli(MAX_MILLIS))) {
            return MAX_MILLIS + 1;
        }
        long millis = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
