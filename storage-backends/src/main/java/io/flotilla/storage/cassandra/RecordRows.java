package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.support.KeyRange;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code records ((kind), key)}: access-control documents, one partition per kind, clustered by key, so a
 * prefix listing is one slice of one partition ({@code text} clusters by UTF-8 bytes, the order
 * {@link KeyRange} computes its bounds in). Every change is an LWT on {@code version}, carrying a
 * {@code writer} id by which {@link Cas} settles unknown outcomes.
 *
 * <p>The price of one partition per kind: Paxos state is per partition, so concurrent writes to different
 * records of one kind contend with each other. Access-control changes are administrative and rare, and the
 * kinds are few and small (users, projects, members, robots, signing keys: thousands of rows, not millions),
 * so that is acceptable. A deleted record leaves a row tombstone in its kind's partition until compaction
 * after {@code gc_grace_seconds}; deletes are rare too.
 */
final class RecordRows {
    private final Cql cql;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    /** Listing statements by range shape: [lower bound inclusive][has an upper bound]. */
    private final PreparedStatement[][] list = new PreparedStatement[2][2];

    RecordRows(Cql cql) {
        this.cql = cql;
        String records = cql.table("records");
        select = cql.prepare("SELECT key, document, version, writer, recent FROM " + records
                + " WHERE kind = ? AND key = ?");
        insert = cql.prepare("INSERT INTO " + records + " (kind, key, document, version, writer, recent)"
                + " VALUES (?, ?, ?, 1, ?, ?) IF NOT EXISTS");
        update = cql.prepare("UPDATE " + records + " SET document = ?, version = ?, writer = ?, recent[?] = ?"
                + " WHERE kind = ? AND key = ? IF version = ?");
        delete = cql.prepare("DELETE FROM " + records + " WHERE kind = ? AND key = ? IF version = ?");
        for (int inclusive = 0; inclusive < 2; inclusive++) {
            for (int bounded = 0; bounded < 2; bounded++) {
                list[inclusive][bounded] = cql.prepare("SELECT key, document, version FROM " + records
                        + " WHERE kind = ? AND key " + (inclusive == 1 ? ">=" : ">") + " ?"
                        + (bounded == 1 ? " AND key < ?" : "") + " LIMIT ?");
            }
        }
    }

    Optional<StoredRecord> get(String kind, String key) {
        return read(kind, key, false);
    }

    long put(String kind, String key, String document, long expected) {
        TagRows.checkExpected(expected);
        UUID me = UUID.randomUUID();
        BoundStatement cas = expected == Versioned.ABSENT
                ? insert.bind(kind, key, document, me, Map.of(Cas.slot(1), me))
                : update.bind(document, expected + 1, me, Cas.slot(expected + 1), me, kind, key, expected);
        if (!Cas.apply(cql, "writing record " + kind + "/" + key, cas, () -> serialRow(kind, key),
                row -> Cas.versioned(row, expected, me, false))) {
            throw conflict(kind, key, expected);
        }
        return expected + 1;
    }

    void delete(String kind, String key, long expected) {
        TagRows.checkExpected(expected);
        if (expected == Versioned.ABSENT) {
            if (read(kind, key, true).isPresent()) {
                throw conflict(kind, key, expected);
            }
            return;
        }
        // after an unknown outcome, a row that is gone counts as deleted by us: either way it is gone
        if (!Cas.apply(cql, "deleting record " + kind + "/" + key, delete.bind(kind, key, expected),
                () -> serialRow(kind, key), row -> row.isEmpty() ? Cas.Seen.MINE
                        : row.get().getLong("version") == expected ? Cas.Seen.UNCHANGED : Cas.Seen.TAKEN)) {
            throw conflict(kind, key, expected);
        }
    }

    List<StoredRecord> list(String kind, KeyRange range, int limit) {
        if (range.isEmpty()) {
            return List.of();
        }
        PreparedStatement shape = list[range.lowerInclusive() ? 1 : 0][range.upper() == null ? 0 : 1];
        BoundStatement query = range.upper() == null ? shape.bind(kind, range.lower(), limit)
                : shape.bind(kind, range.lower(), range.upper(), limit);
        return cql.all("listing records of " + kind, query.setIdempotent(true)).stream()
                .map(RecordRows::record).toList();
    }

    private Optional<StoredRecord> read(String kind, String key, boolean serial) {
        return (serial ? serialRow(kind, key)
                : cql.one("reading record " + kind + "/" + key, select.bind(kind, key).setIdempotent(true)))
                .map(RecordRows::record);
    }

    private Optional<Row> serialRow(String kind, String key) {
        return cql.one("reading record " + kind + "/" + key, select.bind(kind, key).setIdempotent(true)
                .setConsistencyLevel(cql.settings().serialConsistency()));
    }

    private static StoredRecord record(Row r) {
        return new StoredRecord(r.getString("key"), r.getString("document"), r.getLong("version"));
    }

    private static VersionConflictException conflict(String kind, String key, long expected) {
        return new VersionConflictException("record " + kind + "/" + key, expected);
    }
}
