package io.flotilla.storage.embedded;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code uploads} table: durable records of uploads in flight, found by id or by age for cleanup. */
final class UploadRows {
    private static final VersionedRows CAS = new VersionedRows("upload", "uploads", List.of("id"),
            List.of("repo", "pieces", "started", "touched", "committed_as"));
    private static final String COLUMNS = "id, repo, pieces, started, touched, committed_as";

    private UploadRows() {
    }

    static Optional<Versioned<UploadRecord>> get(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + ", version FROM uploads WHERE id = ?",
                rs -> new Versioned<>(record(rs), rs.getLong("version")), id);
    }

    static long put(Connection c, UploadRecord u, long expected) throws SQLException {
        return CAS.put(c, List.of(u.id()), List.of(u.repo().value(), Columns.pieces(u.pieces()),
                Columns.nanos(u.started()), Columns.nanos(u.touched()),
                u.committedAs() == null ? "" : u.committedAs().toString()), expected);
    }

    static Void delete(Connection c, String id) throws SQLException {
        Sql.update(c, "DELETE FROM uploads WHERE id = ?", id);
        return null;
    }

    static List<UploadRecord> touchedBefore(Connection c, Instant cutoff, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM uploads WHERE touched < ? ORDER BY touched, id LIMIT ?",
                UploadRows::record, Columns.boundNanos(cutoff), Sql.limit(limit));
    }

    private static UploadRecord record(java.sql.ResultSet rs) throws SQLException {
        return new UploadRecord(rs.getString("id"), RepositoryName.parse(rs.getString("repo")),
                Columns.pieces(rs.getString("pieces")), Columns.instant(rs.getLong("started")),
                Columns.instant(rs.getLong("touched")), committedAs(rs.getString("committed_as")));
    }

    private static Digest committedAs(String column) {
        return column == null || column.isEmpty() ? null : Digest.parse(column);
    }
}
