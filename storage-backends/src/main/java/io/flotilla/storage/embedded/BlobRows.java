package io.flotilla.storage.embedded;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.Versioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code blobs} table: this data centre's row per digest, changed only by compare-and-set. */
final class BlobRows {
    private static final VersionedRows CAS = new VersionedRows("blob", "blobs", List.of("digest"),
            List.of("size", "created", "location", "state", "ref_epoch"));

    private BlobRows() {
    }

    static Optional<Versioned<BlobRecord>> get(Connection c, Digest digest) throws SQLException {
        return Sql.one(c, "SELECT size, created, location, state, ref_epoch, version FROM blobs WHERE digest = ?",
                rs -> new Versioned<>(new BlobRecord(rs.getLong(1), Columns.instant(rs.getLong(2)),
                        new BlobLocation(Columns.pieces(rs.getString(3))), GcState.valueOf(rs.getString(4)),
                        rs.getLong(5)), rs.getLong(6)),
                digest.toString());
    }

    static long put(Connection c, Digest digest, BlobRecord r, long expected) throws SQLException {
        return CAS.put(c, List.of(digest.toString()), List.of(r.size(), Columns.nanos(r.touched()),
                Columns.pieces(r.location().pieces()), r.state().name(), r.refEpoch()), expected);
    }

    static Void delete(Connection c, Digest digest, long expected) throws SQLException {
        CAS.delete(c, List.of(digest.toString()), expected);
        return null;
    }
}
