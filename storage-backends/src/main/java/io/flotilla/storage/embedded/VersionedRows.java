package io.flotilla.storage.embedded;

import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compare-and-set on a table whose rows carry a {@code version} column. Each statement checks the version
 * in its own WHERE clause, so a write is atomic on its own, and a mismatch changes no row. Run inside
 * {@link SqliteDatabase#write}. Table and column names are constants of this package, never input.
 */
final class VersionedRows {
    private final String what;
    private final String insert;
    private final String update;
    private final String delete;
    private final String exists;

    VersionedRows(String what, String table, List<String> keyColumns, List<String> valueColumns) {
        this.what = what;
        String keyMatch = keyColumns.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
        List<String> all = Stream.concat(keyColumns.stream(), valueColumns.stream()).toList();
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", all) + ", version) VALUES ("
                + String.join(", ", Collections.nCopies(all.size() + 1, "?")) + ") ON CONFLICT DO NOTHING";
        this.update = "UPDATE " + table + " SET "
                + valueColumns.stream().map(v -> v + " = ?").collect(Collectors.joining(", "))
                + ", version = version + 1 WHERE " + keyMatch + " AND version = ?";
        this.delete = "DELETE FROM " + table + " WHERE " + keyMatch + " AND version = ?";
        this.exists = "SELECT 1 FROM " + table + " WHERE " + keyMatch;
    }

    /** Creates ({@code expected == ABSENT}) or updates the row; returns its new version. */
    long put(Connection c, List<Object> key, List<Object> values, long expected) throws SQLException {
        checkExpected(expected);
        if (expected == Versioned.ABSENT) {
            List<Object> row = Stream.concat(Stream.concat(key.stream(), values.stream()), Stream.of((Object) 1L)).toList();
            requireOneRow(Sql.update(c, insert, row.toArray()), key, expected);
            return 1;
        }
        List<Object> args = Stream.concat(Stream.concat(values.stream(), key.stream()), Stream.of((Object) expected)).toList();
        requireOneRow(Sql.update(c, update, args.toArray()), key, expected);
        return expected + 1;
    }

    /**
     * Deletes the row if it is at {@code expected}. Expecting ABSENT of a missing row is a no-op; expecting
     * a version of a missing row is a conflict, since the caller's view is stale.
     */
    void delete(Connection c, List<Object> key, long expected) throws SQLException {
        checkExpected(expected);
        if (expected == Versioned.ABSENT) {
            if (Sql.exists(c, exists, key.toArray())) {
                throw conflict(key, expected);
            }
            return;
        }
        List<Object> args = Stream.concat(key.stream(), Stream.of((Object) expected)).toList();
        requireOneRow(Sql.update(c, delete, args.toArray()), key, expected);
    }

    private void requireOneRow(int changed, List<Object> key, long expected) {
        if (changed != 1) {
            throw conflict(key, expected);
        }
    }

    private VersionConflictException conflict(List<Object> key, long expected) {
        return new VersionConflictException(what + " " + key.stream().map(String::valueOf)
                .collect(Collectors.joining(":")), expected);
    }

    private static void checkExpected(long expected) {
        if (expected < Versioned.ABSENT) {
            throw new IllegalArgumentException("negative expected version " + expected);
        }
    }
}
