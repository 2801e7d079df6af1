package io.flotilla.storage.embedded;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.BlobRef;
import io.flotilla.storage.spi.ManifestRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code manifests} table with what hangs off it: the {@code blob_refs} rows of each manifest, and the
 * referrers listing, which reads manifests by subject.
 */
final class ManifestRows {
    private static final String COLUMNS =
            "repo, digest, content_type, media_type, artifact_type, subject, refs, annotations, content, created";

    private ManifestRows() {
    }

    /** Replaces the manifest row and its blob_refs together, so a repeat put leaves exactly one copy of each. */
    static Void put(Connection c, ManifestRecord m) throws SQLException {
        String repo = m.repo().value();
        String digest = m.digest().toString();
        Sql.update(c, "DELETE FROM blob_refs WHERE repo = ? AND manifest = ?", repo, digest);
        Sql.update(c, "INSERT OR REPLACE INTO manifests (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                repo, digest, m.contentType(), m.mediaType(), m.artifactType(), Columns.text(m.subject()),
                Columns.digests(m.references()), Columns.stringMap(m.annotations()), m.content(),
                Columns.nullableNanos(m.created()));
        for (Digest ref : new LinkedHashSet<>(m.references())) {
            Sql.update(c, "INSERT INTO blob_refs (digest, repo, manifest) VALUES (?, ?, ?)", ref.toString(), repo, digest);
        }
        return null;
    }

    static Optional<ManifestRecord> get(Connection c, RepositoryName repo, Digest digest) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM manifests WHERE repo = ? AND digest = ?",
                ManifestRows::record, repo.value(), digest.toString());
    }

    static boolean delete(Connection c, RepositoryName repo, Digest digest) throws SQLException {
        Sql.update(c, "DELETE FROM blob_refs WHERE repo = ? AND manifest = ?", repo.value(), digest.toString());
        return Sql.update(c, "DELETE FROM manifests WHERE repo = ? AND digest = ?", repo.value(), digest.toString()) > 0;
    }

    static List<Descriptor> referrers(Connection c, RepositoryName repo, Digest subject) throws SQLException {
        return Sql.list(c, "SELECT media_type, digest, length(content), artifact_type, annotations FROM manifests"
                        + " WHERE repo = ? AND subject = ? ORDER BY digest",
                rs -> new Descriptor(rs.getString(1), Digest.parse(rs.getString(2)), rs.getLong(3),
                        rs.getString(4), Columns.stringMap(rs.getString(5))),
                repo.value(), subject.toString());
    }

    static List<BlobRef> blobRefs(Connection c, Digest blob, int limit) throws SQLException {
        return Sql.list(c, "SELECT repo, manifest FROM blob_refs WHERE digest = ? ORDER BY repo, manifest LIMIT ?",
                rs -> new BlobRef(blob, RepositoryName.parse(rs.getString(1)), Digest.parse(rs.getString(2))),
                blob.toString(), Sql.limit(limit));
    }

    private static ManifestRecord record(ResultSet rs) throws SQLException {
        return new ManifestRecord(RepositoryName.parse(rs.getString("repo")), Digest.parse(rs.getString("digest")),
                rs.getString("content_type"), rs.getString("media_type"), rs.getString("artifact_type"),
                Columns.digest(rs, "subject"), Columns.digests(rs.getString("refs")),
                Columns.stringMap(rs.getString("annotations")), rs.getBytes("content"),
                Columns.nullableInstant(rs, "created"));
    }
}
