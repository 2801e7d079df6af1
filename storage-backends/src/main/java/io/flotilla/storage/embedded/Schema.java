package io.flotilla.storage.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of DESIGN.md's data model, one per table, and the schema version that guards them. Times are
 * INTEGER epoch nanoseconds (audit times: milliseconds, as in their ids), digests and names TEXT, lists and
 * maps JSON TEXT. Referrers have no table of their own: they are the manifests with a subject, found through
 * a partial index, so they can never disagree with the manifests. Finished work items are deleted rather
 * than flagged: SQLite has no tombstones to fear, and the table stays small.
 *
 * <p>A database is brought to {@link #VERSION} by running, in order, the migrations past the version it
 * records; a migration only adds, so a file written by an older build opens with everything in it.
 */
final class Schema {
    static final int VERSION = 2;

    /** Version 1: the registry's data model. */
    private static final List<String> V1 = List.of(
            """
            CREATE TABLE repositories (name TEXT PRIMARY KEY, created INTEGER NOT NULL) WITHOUT ROWID""",
            """
            CREATE TABLE manifests (repo TEXT NOT NULL, digest TEXT NOT NULL, content_type TEXT,
                media_type TEXT, artifact_type TEXT, subject TEXT, refs TEXT NOT NULL,
                annotations TEXT NOT NULL, content BLOB NOT NULL, created INTEGER,
                PRIMARY KEY (repo, digest))""",
            """
            CREATE INDEX manifests_by_subject ON manifests (repo, subject, digest) WHERE subject IS NOT NULL""",
            """
            CREATE TABLE tags (repo TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL,
                version INTEGER NOT NULL, PRIMARY KEY (repo, tag)) WITHOUT ROWID""",
            """
            CREATE TABLE repo_blobs (repo TEXT NOT NULL, digest TEXT NOT NULL,
                PRIMARY KEY (repo, digest)) WITHOUT ROWID""",
            """
            CREATE TABLE blobs (digest TEXT PRIMARY KEY, size INTEGER NOT NULL, created INTEGER NOT NULL,
                location TEXT NOT NULL, state TEXT NOT NULL, ref_epoch INTEGER NOT NULL,
                version INTEGER NOT NULL) WITHOUT ROWID""",
            """
            CREATE TABLE blob_refs (digest TEXT NOT NULL, repo TEXT NOT NULL, manifest TEXT NOT NULL,
                PRIMARY KEY (digest, repo, manifest)) WITHOUT ROWID""",
            """
            CREATE INDEX blob_refs_by_manifest ON blob_refs (repo, manifest)""",
            """
            CREATE TABLE uploads (id TEXT PRIMARY KEY, repo TEXT NOT NULL, pieces TEXT NOT NULL,
                started INTEGER NOT NULL, touched INTEGER NOT NULL, committed_as TEXT NOT NULL,
                version INTEGER NOT NULL) WITHOUT ROWID""",
            """
            CREATE INDEX uploads_by_touched ON uploads (touched, id)""",
            """
            CREATE TABLE work_items (queue TEXT NOT NULL, part INTEGER NOT NULL, id TEXT NOT NULL,
                due_at INTEGER NOT NULL, payload TEXT, PRIMARY KEY (queue, part, id)) WITHOUT ROWID""",
            """
            CREATE INDEX work_items_due ON work_items (queue, part, due_at, id)""");

    /** Version 2: access-control records, and the audit log with the index its expiry purge walks. */
    private static final List<String> V2 = List.of(
            """
            CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL,
                version INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID""",
            """
            CREATE TABLE audit (id TEXT PRIMARY KEY, at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
                actor TEXT NOT NULL, source TEXT NOT NULL, operation TEXT NOT NULL, resource_type TEXT NOT NULL,
                resource TEXT NOT NULL, project TEXT NOT NULL, result TEXT NOT NULL, detail TEXT NOT NULL)
                WITHOUT ROWID""",
            """
            CREATE INDEX audit_by_expiry ON audit (expires_at)""");

    /** The DDL of version {@code i + 1} at index {@code i}. */
    private static final List<List<String>> MIGRATIONS = List.of(V1, V2);

    private Schema() {
    }

    /** Creates the tables in a new database, or brings an older one to {@link #VERSION}. */
    static void apply(Connection c) throws SQLException {
        migrate(c, VERSION);
    }

    /**
     * Runs the migrations from the recorded version up to {@code target} (below VERSION only in tests that
     * make an old file). Fails with IllegalStateException on a file from a newer build, which must not be
     * written by older code.
     */
    static void migrate(Connection c, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int found;
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
                found = rs.next() ? rs.getInt(1) : 0;
            }
            if (found > VERSION) {
                throw new IllegalStateException("metadata database has schema version " + found
                        + "; this build understands version " + VERSION);
            }
            for (int v = found + 1; v <= target; v++) {
                for (String ddl : MIGRATIONS.get(v - 1)) {
                    s.execute(ddl);
                }
                s.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
            }
        }
    }
}
