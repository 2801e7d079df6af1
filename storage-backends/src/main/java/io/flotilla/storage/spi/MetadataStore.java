package io.flotilla.storage.spi;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every row of the registry's data model (see DESIGN.md, "Data model"), one method group per table.
 *
 * <p>Contract, checked by {@code MetadataStoreContract}:
 * <ul>
 *   <li>A method that returns normally has committed its write at the configured consistency; a crash
 *       after it returns loses nothing.</li>
 *   <li>Rows that can race change only by compare-and-set: the caller passes the version it read
 *       ({@link Versioned#ABSENT} for "does not exist"), and a mismatch raises
 *       {@link VersionConflictException} without writing anything.</li>
 *   <li>Idempotent methods say so; deleting a missing row is never an error.</li>
 *   <li>Listings are ordered by their key and paged with an exclusive {@code after} bound (null for the start).</li>
 *   <li>An unreachable backend raises {@link StorageUnavailableException}.</li>
 * </ul>
 * Blob rows are those of the data centre this store was opened for.
 */
public interface MetadataStore extends AutoCloseable {

    // ---- repositories ----

    /** Creates the repository row if it is missing. Idempotent. */
    void ensureRepository(RepositoryName repo);

    boolean repositoryExists(RepositoryName repo);

    List<RepositoryName> listRepositories(RepositoryName after, int limit);

    // ---- manifests, with their reverse references and referrer entry ----

    /**
     * Stores a manifest with its bytes inline, a {@code blob_refs} row for each digest it references,
     * and, when it has a subject, its referrer entry. Idempotent for the same record.
     */
    void putManifest(ManifestRecord manifest);

    Optional<ManifestRecord> getManifest(RepositoryName repo, Digest digest);

    /** Removes a manifest with its {@code blob_refs} rows and referrer entry; false if it was absent. */
    boolean deleteManifest(RepositoryName repo, Digest digest);

    /** Descriptors of the manifests in {@code repo} whose subject is {@code subject}, ordered by digest. */
    List<Descriptor> listReferrers(RepositoryName repo, Digest subject);

    // ---- tags: versioned registers ----

    Optional<Versioned<Digest>> getTag(RepositoryName repo, Tag tag);

    /** Points {@code tag} at {@code digest} if its version is still {@code expectedVersion}; returns the new version. */
    long putTag(RepositoryName repo, Tag tag, Digest digest, long expectedVersion);

    /** Deletes {@code tag} if its version is still {@code expectedVersion}. */
    void deleteTag(RepositoryName repo, Tag tag, long expectedVersion);

    List<TagEntry> listTags(RepositoryName repo, Tag after, int limit);

    // ---- repo -> blob links ----

    /** Grants {@code repo} access to a blob. Idempotent. */
    void linkBlob(RepositoryName repo, Digest digest);

    boolean isBlobLinked(RepositoryName repo, Digest digest);

    void unlinkBlob(RepositoryName repo, Digest digest);

    // ---- blobs (this DC's row) and their reverse references ----

    Optional<Versioned<BlobRecord>> getBlob(Digest digest);

    /** Writes the blob row if its version is still {@code expectedVersion}; returns the new version. */
    long putBlob(Digest digest, BlobRecord record, long expectedVersion);

    /** Deletes the blob row if its version is still {@code expectedVersion}. */
    void deleteBlob(Digest digest, long expectedVersion);

    /** The first {@code limit} reverse references of a blob: the garbage collector's source of truth. */
    List<BlobRef> listBlobRefs(Digest digest, int limit);

    // ---- uploads in flight ----

    Optional<Versioned<UploadRecord>> getUpload(String uploadId);

    /** Writes the upload row if its version is still {@code expectedVersion}; returns the new version. */
    long putUpload(UploadRecord upload, long expectedVersion);

    void deleteUpload(String uploadId);

    /** Uploads last touched before {@code cutoff}, oldest first. */
    List<UploadRecord> listUploadsTouchedBefore(Instant cutoff, int limit);

    // ---- time-bucketed work queues ----

    /** Adds an item; re-adding the same (queue, partition, id) replaces its due time and payload. */
    void enqueue(WorkItem item);

    /** Items of one queue partition due at or before {@code now}, earliest first, not yet completed. */
    List<WorkItem> dueItems(String queue, int partition, Instant now, int limit);

    /** Marks an item done so that {@link #dueItems} no longer returns it. Idempotent. */
    void complete(WorkItem item);

    // ---- access-control records: users, projects, members, robots, published public keys ----
    //
    // Input rules, the same in every backend (io.flotilla.storage.support.MetadataInputs), each refusal an
    // IllegalArgumentException: a kind matches [a-z][a-z_]{0,31}; a key has 1 to 512 characters, no control
    // character; a document is at most 64 KiB of UTF-8; a limit is at least 1; no text holds an unpaired
    // surrogate. Keys order by their UTF-8 bytes (code point order).

    /**
     * A JSON document of one kind ({@code users}, {@code projects}, …: lower-case letters and underscores) by key.
     * Kinds need no declaring: a kind never written reads as empty.
     */
    Optional<StoredRecord> getRecord(String kind, String key);

    /** Writes the record if its version is still {@code expectedVersion}; returns the new version. */
    long putRecord(String kind, String key, String document, long expectedVersion);

    /**
     * Deletes the record if its version is still {@code expectedVersion}. As with tags, expecting
     * {@link Versioned#ABSENT} of a missing record does nothing, and expecting a version of a missing record,
     * or ABSENT of a present one, is a conflict.
     */
    void deleteRecord(String kind, String key, long expectedVersion);

    /**
     * Records of one kind whose keys start with {@code prefix} ("" for all), in key order, after an exclusive
     * bound ({@code after}, null for the start; it need not be a stored key).
     */
    List<StoredRecord> listRecords(String kind, String prefix, String after, int limit);

    // ---- audit log ----

    /**
     * Appends events, durable when this returns. Re-appending an event with the same id replaces it (within
     * one call, the last event of an id wins). Each event is kept at least {@code retention} from its time
     * {@code at} (a positive duration; beyond 20 years, Cassandra's longest TTL, it counts as 20 years), then
     * no longer listed and eventually removed; an event already past its retention is not written. An event's
     * time must lie between the epoch and year 2286 (13 digits of milliseconds); its time is kept to the
     * millisecond, and its text fields together may take 64 KiB of UTF-8.
     */
    void appendAudit(List<AuditEvent> events, Duration retention);

    /**
     * Events with {@code from <= at < to}, newest first (by id, descending), only those with an id below
     * {@code beforeId} when it is not null: the last id of one page continues with the next.
     */
    List<AuditEvent> listAudit(Instant from, Instant to, String beforeId, int limit);

    @Override
    void close();
}
