package io.flotilla.storage.embedded;

import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.support.KeyRange;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code records} table: access-control documents, one versioned row per (kind, key), listed by prefix
 * as a range scan of the primary key. SQLite's BINARY collation orders TEXT by its UTF-8 bytes, the order
 * {@link KeyRange} computes its bounds in.
 */
final class RecordRows {
    private static final VersionedRows CAS = new VersionedRows("record", "records", List.of("kind", "key"),
            List.of("document"));

    private RecordRows() {
    }

    static Optional<StoredRecord> get(Connection c, String kind, String key) throws SQLException {
        return Sql.one(c, "SELECT key, document, version FROM records WHERE kind = ? AND key = ?",
                rs -> new StoredRecord(rs.getString(1), rs.getString(2), rs.getLong(3)), kind, key);
    }

    static long put(Connection c, String kind, String key, String document, long expected) throws SQLException {
        return CAS.put(c, List.of(kind, key), List.of(document), expected);
    }

    static Void delete(Connection c, String kind, String key, long expected) throws SQLException {
        CAS.delete(c, List.of(kind, key), expected);
        return null;
    }

    static List<StoredRecord> list(Connection c, String kind, KeyRange range, int limit) throws SQLException {
        if (range.isEmpty()) {
            return List.of();
        }
        // one of four fixed statements, by the shape of the range
        String sql = "SELECT key, document, version FROM records WHERE kind = ? AND key "
                + (range.lowerInclusive() ? ">=" : ">") + " ?" + (range.upper() == null ? "" : " AND key < ?")
                + " ORDER BY key LIMIT ?";
        List<Object> args = new ArrayList<>(List.of(kind, range.lower()));
        if (range.upper() != null) {
            args.add(range.upper());
        }
        args.add(limit);
        return Sql.list(c, sql, rs -> new StoredRecord(rs.getString(1), rs.getString(2), rs.getLong(3)),
                args.toArray());
    }
}
