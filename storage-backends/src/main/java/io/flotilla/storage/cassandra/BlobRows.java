package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code blobs}: one row per (digest, DC), each its own partition, so the Paxos state of one DC's row never
 * meets another DC's (LOCAL_SERIAL on a partition shared across DCs would not be linearizable). Every change
 * is an LWT on {@code version}, carrying a {@code writer} id by which {@link Cas} settles unknown outcomes.
 */
final class BlobRows {
    private static final String VALUES = "size, created, piece_keys, piece_lengths, state, ref_epoch";

    private final Cql cql;
    private final String dc;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;

    BlobRows(Cql cql) {
        this.cql = cql;
        this.dc = cql.settings().localDc();
        String blobs = cql.table("blobs");
        select = cql.prepare("SELECT " + VALUES + ", version, writer, recent FROM " + blobs + " WHERE digest = ? AND dc = ?");
        insert = cql.prepare("INSERT INTO " + blobs + " (digest, dc, " + VALUES + ", version, writer, recent)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) IF NOT EXISTS");
        update = cql.prepare("UPDATE " + blobs + " SET size = ?, created = ?, piece_keys = ?, piece_lengths = ?,"
                + " state = ?, ref_epoch = ?, version = ?, writer = ?, recent[?] = ?"
                + " WHERE digest = ? AND dc = ? IF version = ?");
        delete = cql.prepare("DELETE FROM " + blobs + " WHERE digest = ? AND dc = ? IF version = ?");
    }

    Optional<Versioned<BlobRecord>> get(Digest digest) {
        return read(digest, false);
    }

    long put(Digest digest, BlobRecord r, long expected) {
        TagRows.checkExpected(expected);
        String what = "writing blob row " + digest;
        var pieces = r.location().pieces();
        UUID me = UUID.randomUUID();
        var cas = expected == Versioned.ABSENT
                ? insert.bind(digest.toString(), dc, r.size(), Columns.time(r.touched()),
                        Columns.pieceKeys(pieces), Columns.pieceLengths(pieces), r.state().name(), r.refEpoch(), me,
                        Map.of(Cas.slot(1), me))
                : update.bind(r.size(), Columns.time(r.touched()), Columns.pieceKeys(pieces),
                        Columns.pieceLengths(pieces), r.state().name(), r.refEpoch(), expected + 1, me,
                        Cas.slot(expected + 1), me, digest.toString(), dc, expected);
        if (!Cas.apply(cql, what, cas, () -> serialRow(digest), row -> Cas.versioned(row, expected, me, false))) {
            throw conflict(digest, expected);
        }
        return expected + 1;
    }

    void delete(Digest digest, long expected) {
        TagRows.checkExpected(expected);
        if (expected == Versioned.ABSENT) {
            if (read(digest, true).isPresent()) {
                throw conflict(digest, expected);
            }
            return;
        }
        // after an unknown outcome, a row that is gone counts as deleted by us: either way it is gone
        if (!Cas.apply(cql, "deleting blob row " + digest, delete.bind(digest.toString(), dc, expected),
                () -> serialRow(digest), row -> row.isEmpty() ? Cas.Seen.MINE
                        : row.get().getLong("version") == expected ? Cas.Seen.UNCHANGED : Cas.Seen.TAKEN)) {
            throw conflict(digest, expected);
        }
    }

    private Optional<Versioned<BlobRecord>> read(Digest digest, boolean serial) {
        return (serial ? serialRow(digest)
                : cql.one("reading blob row " + digest, select.bind(digest.toString(), dc).setIdempotent(true)))
                .map(BlobRows::record);
    }

    private Optional<Row> serialRow(Digest digest) {
        return cql.one("reading blob row " + digest, select.bind(digest.toString(), dc).setIdempotent(true)
                .setConsistencyLevel(cql.settings().serialConsistency()));
    }

    private static Versioned<BlobRecord> record(Row r) {
        return new Versioned<>(new BlobRecord(r.getLong("size"), r.getInstant("created"),
                new BlobLocation(Columns.pieces(r)), GcState.valueOf(r.getString("state")), r.getLong("ref_epoch")),
                r.getLong("version"));
    }

    private VersionConflictException conflict(Digest digest, long expected) {
        return new VersionConflictException("blob " + digest + " in " + dc, expected);
    }
}
