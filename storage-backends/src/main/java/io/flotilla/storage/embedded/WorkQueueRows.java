package io.flotilla.storage.embedded;

import io.flotilla.storage.spi.WorkItem;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code work_items} table. One row per (queue, partition, id); the due-time index plays the part of
 * Cassandra's time buckets. Completing deletes the row, but only the enqueue that was handed out: an item
 * re-enqueued with a new due time meanwhile stays queued.
 */
final class WorkQueueRows {
    private WorkQueueRows() {
    }

    static Void enqueue(Connection c, WorkItem item) throws SQLException {
        Sql.update(c, "INSERT INTO work_items (queue, part, id, due_at, payload) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (queue, part, id) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload",
                item.queue(), item.partition(), item.id(), Columns.nanos(item.dueAt()), item.payload());
        return null;
    }

    static List<WorkItem> due(Connection c, String queue, int partition, Instant now, int limit) throws SQLException {
        return Sql.list(c, "SELECT id, due_at, payload FROM work_items WHERE queue = ? AND part = ? AND due_at <= ?"
                        + " ORDER BY due_at, id LIMIT ?",
                rs -> new WorkItem(queue, partition, rs.getString(1), Columns.instant(rs.getLong(2)), rs.getString(3)),
                queue, partition, Columns.boundNanos(now), Sql.limit(limit));
    }

    static Void complete(Connection c, WorkItem item) throws SQLException {
        Sql.update(c, "DELETE FROM work_items WHERE queue = ? AND part = ? AND id = ? AND due_at = ?",
                item.queue(), item.partition(), item.id(), Columns.nanos(item.dueAt()));
        return null;
    }
}
