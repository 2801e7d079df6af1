/**
 * The Cassandra metadata backend, for a cluster of nodes: every table of DESIGN.md's data model in one
 * keyspace (NetworkTopologyStrategy), reached through the DataStax/Apache java-driver 4.19 with prepared
 * statements only. {@link io.flotilla.storage.cassandra.CassandraMetadataStore#open} connects, brings the
 * schema to its version behind a CAS lock ({@code Schema}), and prepares everything.
 *
 * <p>The tables, and why each is keyed the way it is:
 * <pre>
 *   repositories (name)                            point lookups; created with its catalog row in one logged batch
 *   catalog (bucket=0, name)                       every name in one partition, clustered: the paginated catalog
 *   manifests ((repo, digest))                     bytes inline (up to 4 MiB), refs, annotations
 *   referrers ((repo, subject), digest)            the referrers listing, one partition per subject
 *   blob_refs ((digest), repo, manifest)           reverse references: GC's source of truth
 *   tags ((repo, tag))                             digest, version, live, writer, recent: LWT register per tag
 *   tag_list ((repo), tag)                         the paginated tag listing, mirrored from tags (see TagRows)
 *   repo_blobs ((repo, digest))                    the link that lets a repository use a blob
 *   blobs ((digest, dc))                           this DC's row; its own partition, so DCs never share Paxos state
 *   uploads ((id))                                 durable uploads in flight, LWT on version
 *   uploads_by_touched ((bucket), id), upload_buckets ((shard), bucket)
 *                                                  hourly index of uploads by last touch (see UploadRows)
 *   work_items ((queue, part, bucket), due_at, id), work_current ((queue, part, id)),
 *   work_buckets ((queue, part), bucket)           time-bucketed queues (see WorkQueueRows)
 *   records ((kind), key)                          access-control documents, LWT on version (see RecordRows)
 *   audit ((day), id DESC), audit_days ((shard), day, expires)
 *                                                  the audit log by UTC day, rows expire by TTL (see AuditRows)
 *   schema_meta (name)                             the schema version and the schema lock
 * </pre>
 *
 * <p>Consistency: reads and writes at LOCAL_QUORUM, compare-and-set at LOCAL_SERIAL (both configurable,
 * {@link io.flotilla.storage.cassandra.CassandraSettings}). Every versioned write is an LWT
 * ({@code IF version = ?}, {@code IF NOT EXISTS}, or {@code IF version = null} for a tag that is absent or
 * deleted); an LWT whose outcome Cassandra reports as unknown is settled by a serial read ({@code Cas}).
 * Writes that span partitions are ordered so that a crash between them is safe, and each is an idempotent
 * upsert that a retry completes (see {@code ManifestRows}). Nulls are never bound into inserts, and
 * collections that are rewritten are frozen, so ordinary writes leave no tombstones; queues and the upload
 * index drop whole partitions instead of rows.
 *
 * <p>Failures: {@code Cql} is the only class that calls the driver. Timeouts, unavailable replicas,
 * unreachable nodes and unknown LWT outcomes become
 * {@link io.flotilla.storage.spi.StorageUnavailableException}; statements Cassandra rejects as invalid
 * become IllegalStateException.
 */
package io.flotilla.storage.cassandra;
