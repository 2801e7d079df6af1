package io.flotilla.storage.embedded;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.AuditEvent;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobRef;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;
import io.flotilla.storage.support.AuditWindow;
import io.flotilla.storage.support.KeyRange;
import io.flotilla.storage.support.MetadataInputs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metadata store for a single node: one SQLite file, {@code <dir>/metadata.db}. Each method is one
 * statement on a reader connection or one write transaction; the SQL for each table lives in its
 * {@code *Rows} class, and {@link SqliteDatabase} owns connections, locking and error mapping.
 */
public final class EmbeddedMetadataStore implements MetadataStore {
    public static final String FILE_NAME = "metadata.db";

    private final SqliteDatabase db;
    private final Clock clock;

    /** Opens or creates the store in {@code dir}, with a reader pool sized to the machine. */
    public EmbeddedMetadataStore(Path dir) {
        this(dir, Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())));
    }

    public EmbeddedMetadataStore(Path dir, int readers) {
        this(dir, readers, Clock.systemUTC());
    }

    /** With the clock that decides which audit events have expired: tests move it. */
    EmbeddedMetadataStore(Path dir, int readers, Clock clock) {
        this.clock = clock;
        SqliteDatabase opened = new SqliteDatabase(dir.resolve(FILE_NAME), readers);
        try {
            opened.write(c -> {
                Schema.apply(c);
                return null;
            });
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        this.db = opened;
    }

    @Override
    public void ensureRepository(RepositoryName repo) {
        if (!repositoryExists(repo)) { // the common case needs no write lock
            db.write(c -> CatalogRows.ensureRepository(c, repo, clock.instant()));
        }
    }

    @Override
    public boolean repositoryExists(RepositoryName repo) {
        return db.read(c -> CatalogRows.repositoryExists(c, repo));
    }

    @Override
    public List<RepositoryName> listRepositories(RepositoryName after, int limit) {
        return db.read(c -> CatalogRows.listRepositories(c, after, limit));
    }

    @Override
    public void putManifest(ManifestRecord manifest) {
        db.write(c -> ManifestRows.put(c, manifest));
    }

    @Override
    public Optional<ManifestRecord> getManifest(RepositoryName repo, Digest digest) {
        return db.read(c -> ManifestRows.get(c, repo, digest));
    }

    @Override
    public boolean deleteManifest(RepositoryName repo, Digest digest) {
        return db.write(c -> ManifestRows.delete(c, repo, digest));
    }

    @Override
    public List<Descriptor> listReferrers(RepositoryName repo, Digest subject) {
        return db.read(c -> ManifestRows.referrers(c, repo, subject));
    }

    @Override
    public Optional<Versioned<Digest>> getTag(RepositoryName repo, Tag tag) {
        return db.read(c -> TagRows.get(c, repo, tag));
    }

    @Override
    public long putTag(RepositoryName repo, Tag tag, Digest digest, long expectedVersion) {
        return db.write(c -> TagRows.put(c, repo, tag, digest, expectedVersion));
    }

    @Override
    public void deleteTag(RepositoryName repo, Tag tag, long expectedVersion) {
        db.write(c -> TagRows.delete(c, repo, tag, expectedVersion));
    }

    @Override
    public List<TagEntry> listTags(RepositoryName repo, Tag after, int limit) {
        return db.read(c -> TagRows.list(c, repo, after, limit));
    }

    @Override
    public void linkBlob(RepositoryName repo, Digest digest) {
        if (!isBlobLinked(repo, digest)) {
            db.write(c -> CatalogRows.link(c, repo, digest));
        }
    }

    @Override
    public boolean isBlobLinked(RepositoryName repo, Digest digest) {
        return db.read(c -> CatalogRows.isLinked(c, repo, digest));
    }

    @Override
    public void unlinkBlob(RepositoryName repo, Digest digest) {
        db.write(c -> CatalogRows.unlink(c, repo, digest));
    }

    @Override
    public Optional<Versioned<BlobRecord>> getBlob(Digest digest) {
        return db.read(c -> BlobRows.get(c, digest));
    }

    @Override
    public long putBlob(Digest digest, BlobRecord record, long expectedVersion) {
        return db.write(c -> BlobRows.put(c, digest, record, expectedVersion));
    }

    @Override
    public void deleteBlob(Digest digest, long expectedVersion) {
        db.write(c -> BlobRows.delete(c, digest, expectedVersion));
    }

    @Override
    public List<BlobRef> listBlobRefs(Digest digest, int limit) {
        return db.read(c -> ManifestRows.blobRefs(c, digest, limit));
    }

    @Override
    public Optional<Versioned<UploadRecord>> getUpload(String uploadId) {
        return db.read(c -> UploadRows.get(c, uploadId));
    }

    @Override
    public long putUpload(UploadRecord upload, long expectedVersion) {
        return db.write(c -> UploadRows.put(c, upload, expectedVersion));
    }

    @Override
    public void deleteUpload(String uploadId) {
        db.write(c -> UploadRows.delete(c, uploadId));
    }

    @Override
    public List<UploadRecord> listUploadsTouchedBefore(Instant cutoff, int limit) {
        return db.read(c -> UploadRows.touchedBefore(c, cutoff, limit));
    }

    @Override
    public void enqueue(WorkItem item) {
        db.write(c -> WorkQueueRows.enqueue(c, item));
    }

    @Override
    public List<WorkItem> dueItems(String queue, int partition, Instant now, int limit) {
        return db.read(c -> WorkQueueRows.due(c, queue, partition, now, limit));
    }

    @Override
    public void complete(WorkItem item) {
        db.write(c -> WorkQueueRows.complete(c, item));
    }

    @Override
    public Optional<StoredRecord> getRecord(String kind, String key) {
        MetadataInputs.kind(kind);
        MetadataInputs.key(key);
        return db.read(c -> RecordRows.get(c, kind, key));
    }

    @Override
    public long putRecord(String kind, String key, String document, long expectedVersion) {
        MetadataInputs.kind(kind);
        MetadataInputs.key(key);
        MetadataInputs.document(document);
        return db.write(c -> RecordRows.put(c, kind, key, document, expectedVersion));
    }

    @Override
    public void deleteRecord(String kind, String key, long expectedVersion) {
        MetadataInputs.kind(kind);
        MetadataInputs.key(key);
        db.write(c -> RecordRows.delete(c, kind, key, expectedVersion));
    }

    @Override
    public List<StoredRecord> listRecords(String kind, String prefix, String after, int limit) {
        MetadataInputs.kind(kind);
        KeyRange range = KeyRange.of(MetadataInputs.prefix(prefix), MetadataInputs.bound("after", after));
        MetadataInputs.limit(limit);
        return db.read(c -> RecordRows.list(c, kind, range, limit));
    }

    @Override
    public void appendAudit(List<AuditEvent> events, Duration retention) {
        List<AuditEvent> batch = MetadataInputs.auditEvents(events);
        Duration keep = MetadataInputs.retention(retention);
        if (!batch.isEmpty()) {
            db.write(c -> AuditRows.append(c, batch, keep, clock.instant())); // one transaction, one fsync
        }
    }

    @Override
    public List<AuditEvent> listAudit(Instant from, Instant to, String beforeId, int limit) {
        AuditWindow window = AuditWindow.of(MetadataInputs.time("from", from), MetadataInputs.time("to", to),
                MetadataInputs.bound("beforeId", beforeId));
        MetadataInputs.limit(limit);
        return db.read(c -> AuditRows.list(c, window, limit, clock.instant()));
    }

    @Override
    public void close() {
        db.close();
    }
}
