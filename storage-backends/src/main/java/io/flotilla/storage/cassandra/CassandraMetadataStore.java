package io.flotilla.storage.cassandra;

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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metadata store for a cluster: every table of the data model in one Cassandra keyspace. Opening it
 * connects, creates or checks the schema (see {@link Schema}), and prepares every statement; each method
 * then runs prepared statements of one {@code *Rows} class. Writes are at the configured consistency
 * (LOCAL_QUORUM), compare-and-set by LWT at the serial consistency (LOCAL_SERIAL). Every driver failure
 * surfaces as {@link io.flotilla.storage.spi.StorageUnavailableException} (see {@link Cql}).
 */
public final class CassandraMetadataStore implements MetadataStore {
    private final Cql cql;
    private final Clock clock;
    private final CatalogRows catalog;
    private final ManifestRows manifests;
    private final TagRows tags;
    private final BlobRows blobs;
    private final UploadRows uploads;
    private final WorkQueueRows queues;
    private final RecordRows records;
    private final AuditRows audit;

    private CassandraMetadataStore(Cql cql, Clock clock) {
        this.cql = cql;
        this.clock = clock;
        catalog = new CatalogRows(cql);
        manifests = new ManifestRows(cql);
        tags = new TagRows(cql);
        blobs = new BlobRows(cql);
        uploads = new UploadRows(cql, clock);
        queues = new WorkQueueRows(cql, clock);
        records = new RecordRows(cql);
        audit = new AuditRows(cql, clock);
    }

    /**
     * Connects and makes the keyspace ready. Fails with StorageUnavailableException if Cassandra cannot be
     * reached or the schema cannot be agreed on in time, and with IllegalStateException if the keyspace
     * was made by a newer build.
     */
    public static CassandraMetadataStore open(CassandraSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    static CassandraMetadataStore open(CassandraSettings settings, Clock clock) {
        Cql cql = Cql.connect(settings);
        try {
            Schema.apply(cql);
            return new CassandraMetadataStore(cql, clock);
        } catch (RuntimeException e) {
            cql.close();
            throw e;
        }
    }

    public CassandraSettings settings() {
        return cql.settings();
    }

    @Override
    public void ensureRepository(RepositoryName repo) {
        catalog.ensure(repo, clock.instant());
    }

    @Override
    public boolean repositoryExists(RepositoryName repo) {
        return catalog.exists(repo);
    }

    @Override
    public List<RepositoryName> listRepositories(RepositoryName after, int limit) {
        return catalog.list(after, limit);
    }

    @Override
    public void putManifest(ManifestRecord manifest) {
        manifests.put(manifest);
    }

    @Override
    public Optional<ManifestRecord> getManifest(RepositoryName repo, Digest digest) {
        return manifests.get(repo, digest);
    }

    @Override
    public boolean deleteManifest(RepositoryName repo, Digest digest) {
        return manifests.delete(repo, digest);
    }

    @Override
    public List<Descriptor> listReferrers(RepositoryName repo, Digest subject) {
        return manifests.referrers(repo, subject);
    }

    @Override
    public Optional<Versioned<Digest>> getTag(RepositoryName repo, Tag tag) {
        return tags.get(repo, tag);
    }

    @Override
    public long putTag(RepositoryName repo, Tag tag, Digest digest, long expectedVersion) {
        return tags.put(repo, tag, digest, expectedVersion);
    }

    @Override
    public void deleteTag(RepositoryName repo, Tag tag, long expectedVersion) {
        tags.delete(repo, tag, expectedVersion);
    }

    @Override
    public List<TagEntry> listTags(RepositoryName repo, Tag after, int limit) {
        return tags.list(repo, after, limit);
    }

    @Override
    public void linkBlob(RepositoryName repo, Digest digest) {
        catalog.link(repo, digest);
    }

    @Override
    public boolean isBlobLinked(RepositoryName repo, Digest digest) {
        return catalog.isLinked(repo, digest);
    }

    @Override
    public void unlinkBlob(RepositoryName repo, Digest digest) {
        catalog.unlink(repo, digest);
    }

    @Override
    public Optional<Versioned<BlobRecord>> getBlob(Digest digest) {
        return blobs.get(digest);
    }

    @Override
    public long putBlob(Digest digest, BlobRecord record, long expectedVersion) {
        return blobs.put(digest, record, expectedVersion);
    }

    @Override
    public void deleteBlob(Digest digest, long expectedVersion) {
        blobs.delete(digest, expectedVersion);
    }

    @Override
    public List<BlobRef> listBlobRefs(Digest digest, int limit) {
        return manifests.blobRefs(digest, limit);
    }

    @Override
    public Optional<Versioned<UploadRecord>> getUpload(String uploadId) {
        return uploads.get(uploadId);
    }

    @Override
    public long putUpload(UploadRecord upload, long expectedVersion) {
        return uploads.put(upload, expectedVersion);
    }

    @Override
    public void deleteUpload(String uploadId) {
        uploads.delete(uploadId);
    }

    @Override
    public List<UploadRecord> listUploadsTouchedBefore(Instant cutoff, int limit) {
        return uploads.touchedBefore(cutoff, limit);
    }

    @Override
    public void enqueue(WorkItem item) {
        queues.enqueue(item);
    }

    @Override
    public List<WorkItem> dueItems(String queue, int partition, Instant now, int limit) {
        return queues.due(queue, partition, now, limit);
    }

    @Override
    public void complete(WorkItem item) {
        queues.complete(item);
    }

    @Override
    public Optional<StoredRecord> getRecord(String kind, String key) {
        return records.get(MetadataInputs.kind(kind), MetadataInputs.key(key));
    }

    @Override
    public long putRecord(String kind, String key, String document, long expectedVersion) {
        return records.put(MetadataInputs.kind(kind), MetadataInputs.key(key), MetadataInputs.document(document),
                expectedVersion);
    }

    @Override
    public void deleteRecord(String kind, String key, long expectedVersion) {
        records.delete(MetadataInputs.kind(kind), MetadataInputs.key(key), expectedVersion);
    }

    @Override
    public List<StoredRecord> listRecords(String kind, String prefix, String after, int limit) {
        MetadataInputs.kind(kind);
        KeyRange range = KeyRange.of(MetadataInputs.prefix(prefix), MetadataInputs.bound("after", after));
        return records.list(kind, range, MetadataInputs.limit(limit));
    }

    @Override
    public void appendAudit(List<AuditEvent> events, Duration retention) {
        List<AuditEvent> batch = MetadataInputs.auditEvents(events);
        Duration keep = MetadataInputs.retention(retention);
        if (!batch.isEmpty()) {
            audit.append(batch, keep);
        }
    }

    @Override
    public List<AuditEvent> listAudit(Instant from, Instant to, String beforeId, int limit) {
        AuditWindow window = AuditWindow.of(MetadataInputs.time("from", from), MetadataInputs.time("to", to),
                MetadataInputs.bound("beforeId", beforeId));
        return audit.list(window, MetadataInputs.limit(limit));
    }

    /** Closes the session. Idempotent. */
    @Override
    public void close() {
        cql.close();
    }
}
