package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code uploads}, one partition per id, changed by LWT; and an index that finds uploads last touched before
 * a cutoff without scanning the table:
 * <ul>
 *   <li>{@code uploads_by_touched(bucket, id) -> touched}: one entry per upload and hour it was touched in,
 *       written (an upsert, no read) <em>before</em> each compare-and-set, so no upload can exist unindexed. An
 *       entry is current when the upload's row still has that touched time; stale entries (the upload moved
 *       on to a later hour, lost its race, or was deleted) are skipped on read. Entries expire by TTL.</li>
 *   <li>{@code upload_buckets(shard, bucket)}: the hours that have entries, so a scan skips empty hours. An old
 *       hour found to hold no current entry is dropped whole (one partition tombstone and one row tombstone),
 *       which is how the scan's starting point moves forward.</li>
 * </ul>
 * Deleting an upload deletes only its row.
 */
final class UploadRows {
    private static final String VALUES = "repo, piece_keys, piece_lengths, started, touched, committed_as";
    private static final int SHARD = 0;

    private final Cql cql;
    private final Clock clock;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement indexEntry;
    private final PreparedStatement indexBucket;
    private final PreparedStatement buckets;
    private final PreparedStatement entries;
    private final PreparedStatement dropBucket;
    private final PreparedStatement dropEntries;

    UploadRows(Cql cql, Clock clock) {
        this.cql = cql;
        this.clock = clock;
        String uploads = cql.table("uploads");
        select = cql.prepare("SELECT id, " + VALUES + ", version, writer, recent FROM " + uploads + " WHERE id = ?");
        insert = cql.prepare("INSERT INTO " + uploads + " (id, " + VALUES + ", version, writer, recent)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) IF NOT EXISTS");
        update = cql.prepare("UPDATE " + uploads + " SET repo = ?, piece_keys = ?, piece_lengths = ?, started = ?,"
                + " touched = ?, committed_as = ?, version = ?, writer = ?, recent[?] = ? WHERE id = ? IF version = ?");
        delete = cql.prepare("DELETE FROM " + uploads + " WHERE id = ?");
        indexEntry = cql.prepare("INSERT INTO " + cql.table("uploads_by_touched")
                + " (bucket, id, touched) VALUES (?, ?, ?) USING TTL ?");
        indexBucket = cql.prepare("INSERT INTO " + cql.table("upload_buckets") + " (shard, bucket) VALUES (?, ?)");
        buckets = cql.prepare("SELECT bucket FROM " + cql.table("upload_buckets") + " WHERE shard = ? AND bucket <= ?");
        entries = cql.prepare("SELECT id, touched FROM " + cql.table("uploads_by_touched") + " WHERE bucket = ?");
        dropBucket = cql.prepare("DELETE FROM " + cql.table("upload_buckets") + " WHERE shard = ? AND bucket = ?");
        dropEntries = cql.prepare("DELETE FROM " + cql.table("uploads_by_touched") + " WHERE bucket = ?");
    }

    Optional<Versioned<UploadRecord>> get(String id) {
        return cql.one("reading upload " + id, select.bind(id).setIdempotent(true))
                .map(r -> new Versioned<>(record(r), r.getLong("version")));
    }

    long put(UploadRecord u, long expected) {
        TagRows.checkExpected(expected);
        String what = "writing upload " + u.id();
        long bucket = Columns.bucket(u.touched());
        int ttl = Columns.ttlSeconds(bucket, cql.settings().bucketRetention(), clock.instant());
        cql.executeAll(what, List.of(
                indexBucket.bind(SHARD, bucket).setIdempotent(true),
                indexEntry.bind(bucket, u.id(), Columns.time(u.touched()), ttl).setIdempotent(true)));
        String committedAs = u.committedAs() == null ? "" : u.committedAs().toString(); // "" rather than a tombstone
        UUID me = UUID.randomUUID();
        BoundStatement cas = expected == Versioned.ABSENT
                ? insert.bind(u.id(), u.repo().value(), Columns.pieceKeys(u.pieces()), Columns.pieceLengths(u.pieces()),
                        Columns.time(u.started()), Columns.time(u.touched()), committedAs, me, Map.of(Cas.slot(1), me))
                : update.bind(u.repo().value(), Columns.pieceKeys(u.pieces()), Columns.pieceLengths(u.pieces()),
                        Columns.time(u.started()), Columns.time(u.touched()), committedAs, expected + 1, me,
                        Cas.slot(expected + 1), me, u.id(), expected);
        if (!Cas.apply(cql, what, cas, () -> cql.one(what, select.bind(u.id()).setIdempotent(true)
                        .setConsistencyLevel(cql.settings().serialConsistency())),
                row -> Cas.versioned(row, expected, me, false))) {
            throw new VersionConflictException("upload " + u.id(), expected);
        }
        return expected + 1;
    }

    void delete(String id) {
        cql.execute("deleting upload " + id, delete.bind(id).setIdempotent(true));
    }

    /** Oldest first, by (touched, id): hour by hour, each hour's current entries sorted. */
    List<UploadRecord> touchedBefore(Instant cutoff, int limit) {
        if (Columns.limit(limit) == 0) {
            return List.of();
        }
        Instant bound = Columns.bound(cutoff);
        List<UploadRecord> out = new ArrayList<>();
        List<Long> hours = cql.all("listing upload hours", buckets.bind(SHARD, Columns.bucket(bound)).setIdempotent(true))
                .stream().map(r -> r.getLong(0)).toList();
        for (long hour : hours) {
            Map<String, Instant> indexed = new LinkedHashMap<>();
            for (Row r : cql.all("listing uploads of an hour", entries.bind(hour).setIdempotent(true))) {
                indexed.put(r.getString(0), r.getInstant(1));
            }
            List<String> ids = indexed.entrySet().stream().filter(e -> e.getValue().isBefore(bound))
                    .map(Map.Entry::getKey).toList();
            List<Row> rows = cql.firstRows("reading uploads", ids.stream()
                    .map(id -> select.bind(id).setIdempotent(true)).toList());
            List<UploadRecord> current = new ArrayList<>();
            for (Row r : rows) {
                if (r != null && r.getInstant("touched").equals(indexed.get(r.getString("id")))) {
                    current.add(record(r));
                }
            }
            if (current.isEmpty() && ids.size() == indexed.size()) {
                dropIfOld(hour);
            }
            current.sort(Comparator.comparing(UploadRecord::touched).thenComparing(UploadRecord::id));
            for (UploadRecord u : current) {
                out.add(u);
                if (out.size() == limit) {
                    return out;
                }
            }
        }
        return out;
    }

    /** Drops an hour with no current entry, unless it is recent enough for a writer to be adding to it. */
    private void dropIfOld(long hour) {
        if (Columns.bucketEnd(hour).isBefore(clock.instant().minus(java.time.Duration.ofHours(1)))) {
            cql.execute("dropping an upload hour", dropBucket.bind(SHARD, hour).setIdempotent(true));
            cql.execute("dropping an upload hour", dropEntries.bind(hour).setIdempotent(true));
        }
    }

    private static UploadRecord record(Row r) {
        return new UploadRecord(r.getString("id"), RepositoryName.parse(r.getString("repo")), Columns.pieces(r),
                r.getInstant("started"), r.getInstant("touched"), Columns.digest(r, "committed_as"));
    }
}
