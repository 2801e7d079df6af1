package io.flotilla.storage.embedded;

import io.flotilla.storage.spi.AuditEvent;
import io.flotilla.storage.support.AuditWindow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code audit} table: one row per event id, newest first by a descending scan of the primary key (ids
 * begin with their time). Each row carries {@code expires_at} (its time plus the retention it was appended
 * with, epoch milliseconds); listings skip rows past it, and appends delete them a bounded batch at a time
 * through the {@code audit_by_expiry} index, so no background job is needed and no append pays for a
 * backlog all at once.
 */
final class AuditRows {
    /**
     * Expired rows each append deletes: twice as many as it adds, and at least this many, so removal
     * outpaces arrival while an append costs at most a few times its own writes.
     */
    static final int PURGE_MIN = 100;

    private static final String COLUMNS =
            "id, at, actor, source, operation, resource_type, resource, project, result, detail";

    private AuditRows() {
    }

    /** Purges a batch of expired rows, then upserts every event not already past its retention. */
    static Void append(Connection c, List<AuditEvent> events, Duration retention, Instant now) throws SQLException {
        long nowMillis = now.toEpochMilli();
        Sql.update(c, "DELETE FROM audit WHERE id IN"
                + " (SELECT id FROM audit WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)",
                nowMillis, Math.max(PURGE_MIN, 2 * events.size()));
        long keepMillis = retention.plusNanos(999_999).toMillis(); // rounded up: kept at least that long
        for (AuditEvent e : events) {
            long at = e.at().toEpochMilli();
            long expires = at + keepMillis;
            if (expires <= nowMillis) {
                continue;
            }
            Sql.update(c, "INSERT OR REPLACE INTO audit (" + COLUMNS + ", expires_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.id(), at, e.actor(), e.source(), e.operation(), e.resourceType(), e.resource(), e.project(),
                    e.result(), e.detail(), expires);
        }
        return null;
    }

    static List<AuditEvent> list(Connection c, AuditWindow window, int limit, Instant now) throws SQLException {
        if (window.isEmpty()) {
            return List.of();
        }
        return Sql.list(c, "SELECT " + COLUMNS + " FROM audit WHERE id >= ? AND id < ? AND expires_at > ?"
                        + " ORDER BY id DESC LIMIT ?",
                AuditRows::event, window.lowId(), window.highId(), now.toEpochMilli(), limit);
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"),
                rs.getString("source"), rs.getString("operation"), rs.getString("resource_type"),
                rs.getString("resource"), rs.getString("project"), rs.getString("result"), rs.getString("detail"));
    }
}
