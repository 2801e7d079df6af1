package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.storage.spi.StorageUnavailableException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The keyspace, its tables, and the schema version that guards them (see package-info for what each table
 * holds).
 *
 * <p>Several nodes may start at once against a new keyspace. Cassandra 5.0 gives two concurrent
 * {@code CREATE TABLE}s of one name on different coordinators different table ids, and the cluster then
 * disagrees about the schema. So: the keyspace and the {@code schema_meta} table are created first, idempotently,
 * with a table id derived from the keyspace and table name (identical statements from every node); then
 * one node at a time takes a lock row in {@code schema_meta} by compare-and-set (at SERIAL: schema is
 * global, not per DC) and applies the migrations past the stored version, waiting for schema agreement
 * after each change. The others wait until the version is current. A lock whose holder died expires by TTL.
 * Every table also gets a derived id, so even a migration run twice converges.
 */
final class Schema {
    static final int VERSION = 2;

    private static final String META = "schema_meta";
    private static final String LOCK_ROW = "lock";
    private static final String VERSION_ROW = "version";
    private static final Duration POLL = Duration.ofMillis(250);

    /** A table's name, its columns and primary key, and its options ({@code WITH …}), if any. */
    private record Table(String name, String definition, String options) {
        Table(String name, String definition) {
            this(name, definition, "");
        }
    }

    /** Version 1: the data model of DESIGN.md. */
    private static final List<Table> V1 = List.of(
            new Table("repositories", "name text PRIMARY KEY, created timestamp"),
            new Table("catalog", "bucket int, name text, PRIMARY KEY ((bucket), name)"),
            new Table("manifests", """
                    repo text, digest text, content_type text, media_type text, artifact_type text, subject text,
                    refs frozen<list<text>>, annotations frozen<map<text, text>>, content blob, created timestamp,
                    PRIMARY KEY ((repo, digest))"""),
            new Table("referrers", """
                    repo text, subject text, digest text, media_type text, size bigint, artifact_type text,
                    annotations frozen<map<text, text>>, PRIMARY KEY ((repo, subject), digest)"""),
            new Table("blob_refs", "digest text, repo text, manifest text, PRIMARY KEY ((digest), repo, manifest)"),
            new Table("tags", """
                    repo text, tag text, digest text, version bigint, live boolean, writer uuid, recent map<int, uuid>,
                    PRIMARY KEY ((repo, tag))"""),
            new Table("tag_list", "repo text, tag text, digest text, PRIMARY KEY ((repo), tag)"),
            new Table("repo_blobs", "repo text, digest text, PRIMARY KEY ((repo, digest))"),
            new Table("blobs", """
                    digest text, dc text, size bigint, created timestamp, piece_keys frozen<list<text>>,
                    piece_lengths frozen<list<bigint>>, state text, ref_epoch bigint, version bigint, writer uuid,
                    recent map<int, uuid>,
                    PRIMARY KEY ((digest, dc))"""),
            new Table("uploads", """
                    id text PRIMARY KEY, repo text, piece_keys frozen<list<text>>, piece_lengths frozen<list<bigint>>,
                    started timestamp, touched timestamp, committed_as text, version bigint, writer uuid,
                    recent map<int, uuid>"""),
            new Table("upload_buckets", "shard int, bucket bigint, PRIMARY KEY ((shard), bucket)"),
            new Table("uploads_by_touched", "bucket bigint, id text, touched timestamp, PRIMARY KEY ((bucket), id)"),
            new Table("work_buckets", "queue text, part int, bucket bigint, PRIMARY KEY ((queue, part), bucket)"),
            new Table("work_items", """
                    queue text, part int, bucket bigint, due_at timestamp, id text, payload text, has_payload boolean,
                    done boolean,
                    PRIMARY KEY ((queue, part, bucket), due_at, id)"""),
            new Table("work_current", "queue text, part int, id text, due_at timestamp, PRIMARY KEY ((queue, part, id))"));

    /**
     * Version 2: access-control records (see RecordRows) and the audit log (see AuditRows). Audit rows only
     * ever expire by TTL, so time-window compaction drops whole SSTables once they are past their TTL.
     */
    private static final List<Table> V2 = List.of(
            new Table("records", """
                    kind text, key text, document text, version bigint, writer uuid, recent map<int, uuid>,
                    PRIMARY KEY ((kind), key)"""),
            new Table("audit", """
                    day text, id text, at timestamp, actor text, source text, operation text, resource_type text,
                    resource text, project text, result text, detail text,
                    PRIMARY KEY ((day), id)""",
                    "CLUSTERING ORDER BY (id DESC) AND compaction = {'class': 'TimeWindowCompactionStrategy',"
                            + " 'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}"),
            new Table("audit_days", "shard int, day text, expires text, PRIMARY KEY ((shard), day, expires)",
                    "CLUSTERING ORDER BY (day DESC, expires DESC)"));

    private static final Map<Integer, List<Table>> MIGRATIONS = Map.of(1, V1, 2, V2);

    private Schema() {
    }

    /** The names of every data table of the current version (not schema_meta). */
    static List<String> tables() {
        return MIGRATIONS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream()).map(Table::name).toList();
    }

    /**
     * Creates the keyspace and brings its tables to {@link #VERSION}, or checks they are there. Fails with
     * IllegalStateException if the keyspace was made by a newer build.
     */
    static void apply(Cql cql) {
        migrate(cql, VERSION);
    }

    /** As {@link #apply}, but only up to {@code target}: tests make an old keyspace with it. */
    static void migrate(Cql cql, int target) {
        CassandraSettings s = cql.settings();
        String replication = s.replication().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey() + "': " + e.getValue()).collect(Collectors.joining(", "));
        cql.ddl("CREATE KEYSPACE IF NOT EXISTS " + s.keyspace()
                + " WITH replication = {'class': 'NetworkTopologyStrategy', " + replication + "}");
        cql.ddl(create(cql, new Table(META, "name text PRIMARY KEY, version int, owner uuid")));
        cql.awaitSchemaAgreement(); // another node's CREATE may have made it, and ours was a no-op

        Lock lock = new Lock(cql);
        Duration lockTtl = s.ddlTimeout().multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
                ? s.ddlTimeout().multipliedBy(2) : Duration.ofMinutes(1);
        long deadline = System.nanoTime() + lockTtl.plus(s.ddlTimeout()).toNanos();
        // The usual case, a current schema, reads at the normal (DC-local) consistency, so a node can start
        // while another DC is unreachable; only a schema that needs work takes the global, serial path.
        int found = lock.version(false);
        if (found < target) {
            found = lock.version(true);
        }
        while (found < target) {
            UUID me = UUID.randomUUID();
            if (lock.acquire(me, lockTtl)) {
                try {
                    found = lock.version(true);
                    for (int v = found + 1; v <= target; v++) {
                        for (Table t : MIGRATIONS.get(v)) {
                            cql.ddl(create(cql, t));
                        }
                        lock.setVersion(v);
                        found = v;
                    }
                } finally {
                    lock.release(me);
                }
            } else {
                if (System.nanoTime() > deadline) {
                    throw new StorageUnavailableException("gave up waiting for the schema lock of keyspace "
                            + s.keyspace() + " (held by " + lock.owner().orElse(null) + ")", null);
                }
                Cql.sleep(POLL);
                found = lock.version(true);
            }
        }
        if (found > VERSION) {
            throw new IllegalStateException("keyspace " + s.keyspace() + " has schema version " + found
                    + "; this build understands version " + VERSION);
        }
        cql.awaitSchemaAgreement();
    }

    private static String create(Cql cql, Table t) {
        UUID id = UUID.nameUUIDFromBytes((cql.settings().keyspace() + "." + t.name()).getBytes(StandardCharsets.UTF_8));
        return "CREATE TABLE IF NOT EXISTS " + cql.table(t.name()) + " (" + t.definition() + ") WITH ID = " + id
                + (t.options().isEmpty() ? "" : " AND " + t.options());
    }

    /** The schema_meta rows: the lock (owner, with a TTL) and the applied version. */
    private static final class Lock {
        private final Cql cql;
        private final PreparedStatement read;
        private final PreparedStatement acquire;
        private final PreparedStatement release;
        private final PreparedStatement setVersion;

        Lock(Cql cql) {
            this.cql = cql;
            String t = cql.table(META);
            read = cql.prepare("SELECT version, owner FROM " + t + " WHERE name = ?");
            acquire = cql.prepare("INSERT INTO " + t + " (name, owner) VALUES (?, ?) IF NOT EXISTS USING TTL ?");
            release = cql.prepare("DELETE FROM " + t + " WHERE name = ? IF owner = ?");
            setVersion = cql.prepare("UPDATE " + t + " SET version = ? WHERE name = ?");
        }

        /** The applied version: read linearizably ({@code serial}) or at the normal consistency. */
        int version(boolean serial) {
            Optional<Row> row = serial ? row(VERSION_ROW)
                    : cql.one("reading the schema version", read.bind(VERSION_ROW).setIdempotent(true));
            return row.map(r -> r.isNull(0) ? 0 : r.getInt(0)).orElse(0);
        }

        Optional<UUID> owner() {
            return row(LOCK_ROW).map(r -> r.getUuid(1));
        }

        boolean acquire(UUID me, Duration ttl) {
            return Cas.apply(cql, "taking the schema lock", acquire.bind(LOCK_ROW, me, (int) ttl.toSeconds())
                            .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL),
                    () -> row(LOCK_ROW), row -> row.isEmpty() || row.get().isNull(1) ? Cas.Seen.UNCHANGED
                            : me.equals(row.get().getUuid(1)) ? Cas.Seen.MINE : Cas.Seen.TAKEN);
        }

        void release(UUID me) {
            Cas.apply(cql, "releasing the schema lock", release.bind(LOCK_ROW, me)
                            .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL),
                    () -> row(LOCK_ROW), row -> row.isEmpty() || row.get().isNull(1) ? Cas.Seen.MINE
                            : me.equals(row.get().getUuid(1)) ? Cas.Seen.UNCHANGED : Cas.Seen.TAKEN);
        }

        void setVersion(int v) {
            cql.execute("recording the schema version", setVersion.bind(v, VERSION_ROW)
                    .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
        }

        /** A linearizable read (SERIAL), so a version or lock just written elsewhere is seen. */
        private Optional<Row> row(String name) {
            return cql.one("reading the schema version", read.bind(name)
                    .setConsistencyLevel(DefaultConsistencyLevel.SERIAL));
        }
    }
}
