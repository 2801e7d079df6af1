package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.BlobRef;
import io.flotilla.storage.spi.ManifestRecord;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifests}, with what hangs off each: its {@code blob_refs} rows and, when it has a subject, its
 * {@code referrers} entry. Cassandra has no multi-partition transaction, and a logged batch would refuse a
 * manifest near the 4 MiB cap (batch_size_fail_threshold is 50 KiB), so the rows are written in an order that
 * keeps every crash safe, and every write is an idempotent upsert that a retry completes:
 * <ol>
 *   <li>put: blob_refs first (a stray ref only keeps a blob alive), then the manifest, then the referrer
 *       entry (so a listed referrer always exists);</li>
 *   <li>delete: the referrer entry and the manifest first, the blob_refs last (GC must not see a blob
 *       unreferenced while a manifest still names it).</li>
 * </ol>
 * Optional fields left null are left unset, not bound to null, which would write tombstone cells.
 */
final class ManifestRows {
    private static final String COLUMNS =
            "repo, digest, content_type, media_type, artifact_type, subject, refs, annotations, content, created";

    private final Cql cql;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;
    private final PreparedStatement insertRef;
    private final PreparedStatement deleteRef;
    private final PreparedStatement listRefs;
    private final PreparedStatement insertReferrer;
    private final PreparedStatement deleteReferrer;
    private final PreparedStatement listReferrers;

    ManifestRows(Cql cql) {
        this.cql = cql;
        String manifests = cql.table("manifests");
        String refs = cql.table("blob_refs");
        String referrers = cql.table("referrers");
        insert = cql.prepare("INSERT INTO " + manifests + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        select = cql.prepare("SELECT " + COLUMNS + " FROM " + manifests + " WHERE repo = ? AND digest = ?");
        delete = cql.prepare("DELETE FROM " + manifests + " WHERE repo = ? AND digest = ?");
        insertRef = cql.prepare("INSERT INTO " + refs + " (digest, repo, manifest) VALUES (?, ?, ?)");
        deleteRef = cql.prepare("DELETE FROM " + refs + " WHERE digest = ? AND repo = ? AND manifest = ?");
        listRefs = cql.prepare("SELECT repo, manifest FROM " + refs + " WHERE digest = ? LIMIT ?");
        insertReferrer = cql.prepare("INSERT INTO " + referrers
                + " (repo, subject, digest, media_type, size, artifact_type, annotations) VALUES (?, ?, ?, ?, ?, ?, ?)");
        deleteReferrer = cql.prepare("DELETE FROM " + referrers + " WHERE repo = ? AND subject = ? AND digest = ?");
        listReferrers = cql.prepare("SELECT digest, media_type, size, artifact_type, annotations FROM " + referrers
                + " WHERE repo = ? AND subject = ?");
    }

    void put(ManifestRecord m) {
        String what = "storing manifest " + m.repo() + "@" + m.digest();
        String repo = m.repo().value();
        String digest = m.digest().toString();
        cql.executeAll(what, new LinkedHashSet<>(m.references()).stream()
                .map(ref -> idempotent(insertRef.bind(ref.toString(), repo, digest))).toList());
        cql.execute(what, idempotent(Cql.unsetNulls(insert.bind(repo, digest, m.contentType(), m.mediaType(), m.artifactType(),
                Columns.text(m.subject()), Columns.digestTexts(m.references()), m.annotations(),
                Columns.bytes(m.content()), m.created() == null ? null : Columns.time(m.created())))));
        if (m.subject() != null) {
            Descriptor d = m.asReferrer();
            cql.execute(what, idempotent(Cql.unsetNulls(insertReferrer.bind(repo, m.subject().toString(), digest,
                    d.mediaType(), d.size(), d.artifactType(), d.annotations()))));
        }
    }

    Optional<ManifestRecord> get(RepositoryName repo, Digest digest) {
        return cql.one("reading manifest " + repo + "@" + digest, idempotent(select.bind(repo.value(), digest.toString())))
                .map(ManifestRows::record);
    }

    boolean delete(RepositoryName repo, Digest digest) {
        Optional<ManifestRecord> found = get(repo, digest);
        if (found.isEmpty()) {
            return false;
        }
        ManifestRecord m = found.get();
        String what = "deleting manifest " + repo + "@" + digest;
        if (m.subject() != null) {
            cql.execute(what, idempotent(deleteReferrer.bind(repo.value(), m.subject().toString(), digest.toString())));
        }
        cql.execute(what, idempotent(delete.bind(repo.value(), digest.toString())));
        cql.executeAll(what, new LinkedHashSet<>(m.references()).stream()
                .map(ref -> idempotent(deleteRef.bind(ref.toString(), repo.value(), digest.toString()))).toList());
        return true;
    }

    List<Descriptor> referrers(RepositoryName repo, Digest subject) {
        return cql.all("listing referrers of " + repo + "@" + subject,
                        idempotent(listReferrers.bind(repo.value(), subject.toString())))
                .stream().map(r -> new Descriptor(r.getString("media_type"), Digest.parse(r.getString("digest")),
                        r.getLong("size"), r.getString("artifact_type"),
                        r.getMap("annotations", String.class, String.class)))
                .toList();
    }

    List<BlobRef> blobRefs(Digest blob, int limit) {
        if (Columns.limit(limit) == 0) {
            return List.of();
        }
        return cql.all("listing references to " + blob, idempotent(listRefs.bind(blob.toString(), limit))).stream()
                .map(r -> new BlobRef(blob, RepositoryName.parse(r.getString(0)), Digest.parse(r.getString(1))))
                .toList();
    }

    private static ManifestRecord record(Row r) {
        return new ManifestRecord(RepositoryName.parse(r.getString("repo")), Digest.parse(r.getString("digest")),
                r.getString("content_type"), r.getString("media_type"), r.getString("artifact_type"),
                Columns.digest(r, "subject"), Columns.parseDigests(r.getList("refs", String.class)),
                r.getMap("annotations", String.class, String.class), Columns.bytes(r.getByteBuffer("content")),
                r.getInstant("created"));
    }

    private static BoundStatement idempotent(BoundStatement s) {
        return s.setIdempotent(true);
    }
}
