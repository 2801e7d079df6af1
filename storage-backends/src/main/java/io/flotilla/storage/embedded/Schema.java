package io.flotilla.storage.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of DESIGN.md's data model, one per table, and the schema version that guards them. Times are
 * INTEGER epoch nanoseconds, digests and names TEXT, lists and maps JSON TEXT. Referrers have no table of
 * their own: they are the manifests with a subject, found through a partial index, so they can never
 * disagree with the manifests. Finished work items are deleted rather than flagged: SQLite has no
 * tombstones to fear, and the table stays small.
 */
final class Schema {
    static final int VERSION = 1;

    private static final List<String> TABLES = List.of(
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

    private Schema() {
    }

    /** Creates the tables in a new database, or checks that an existing one has a version we understand. */
    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int found;
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
                found = rs.next() ? rs.getInt(1) : 0;
            }
            if (found == VERSION) {
                return;
            }
            if (found != 0) {
                // Later versions add migrations here; a newer file must not be written by older code.
                throw new IllegalStateException("metadata database has schema version " + found
                        + "; this build understands version " + VERSION);
            }
            for (String ddl : TABLES) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO schema_version (version) VALUES (" + VERSION + ")");
        }
    }
}
