package io.flotilla.storage.embedded;

import io.flotilla.model.Tag;
import io.flotilla.storage.contract.MetadataStoreContract;
import io.flotilla.storage.spi.AuditEvent;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMetadataStoreTest extends MetadataStoreContract {

    @Override
    protected MetadataStore createStore(Path scratch) {
        return new EmbeddedMetadataStore(scratch);
    }

    @Test
    void everyTableSurvivesCloseAndReopen() {
        ManifestRecord m = manifest(REPO, "m", digest("subject"), List.of(digest("layer")));
        store.ensureRepository(REPO);
        store.putManifest(m);
        store.putTag(REPO, Tag.parse("latest"), m.digest(), Versioned.ABSENT);
        store.linkBlob(REPO, digest("layer"));
        store.putBlob(digest("layer"), blob(GcState.LIVE, 3), Versioned.ABSENT);
        store.putUpload(UploadRecord.start("u-1", REPO, T0), Versioned.ABSENT);
        store.enqueue(new WorkItem("gc", 0, "layer", T0, "p"));
        store.close();

        store = new EmbeddedMetadataStore(scratch);
        assertTrue(store.repositoryExists(REPO));
        assertManifestEquals(m, store.getManifest(REPO, m.digest()).orElseThrow());
        assertEquals(List.of(m.asReferrer()), store.listReferrers(REPO, digest("subject")));
        assertEquals(Optional.of(new Versioned<>(m.digest(), 1)), store.getTag(REPO, Tag.parse("latest")));
        assertTrue(store.isBlobLinked(REPO, digest("layer")));
        assertEquals(Optional.of(new Versioned<>(blob(GcState.LIVE, 3), 1)), store.getBlob(digest("layer")));
        assertEquals(1, store.listBlobRefs(digest("layer"), 10).size());
        assertEquals(1, store.getUpload("u-1").orElseThrow().version());
        assertEquals(1, store.dueItems("gc", 0, T0, 10).size());
    }

    @Test
    void aDatabaseFromANewerSchemaIsRefused() throws SQLException {
        store.close();
        store = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scratch.resolve(EmbeddedMetadataStore.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = " + (Schema.VERSION + 1));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new EmbeddedMetadataStore(scratch));
        assertTrue(e.getMessage().contains("schema version"), e.getMessage());
    }

    @Test
    void aVersionOneDatabaseIsUpgradedAndKeepsItsRows() throws SQLException {
        store.close();
        store = null;
        Path old = scratch.resolve("v1");
        try (SqliteDatabase db = new SqliteDatabase(old.resolve(EmbeddedMetadataStore.FILE_NAME), 1)) {
            db.write(c -> {
                Schema.migrate(c, 1);
                return TagRows.put(c, REPO, Tag.parse("latest"), digest("v1"), Versioned.ABSENT);
            });
        }
        assertEquals(List.of(1), schemaVersions(old));

        store = new EmbeddedMetadataStore(old);
        assertEquals(Optional.of(new Versioned<>(digest("v1"), 1)), store.getTag(REPO, Tag.parse("latest")));
        assertEquals(1, store.putRecord("users", "alice", "{}", Versioned.ABSENT));
        store.appendAudit(List.of(audit(now(), "n", "")), RETAIN);
        assertEquals(1, store.listAudit(Instant.EPOCH, Instant.MAX, null, 10).size());
        store.close();
        store = new EmbeddedMetadataStore(old); // a current file opens as it is
        assertEquals(Optional.of(new StoredRecord("alice", "{}", 1)), store.getRecord("users", "alice"));
        assertEquals(List.of(1, 2), schemaVersions(old));
    }

    @Test
    void expiredAuditRowsAreSkippedAndPurgedABoundedBatchPerAppend() throws SQLException {
        store.close();
        MovableClock clock = new MovableClock(now());
        store = new EmbeddedMetadataStore(scratch, 2, clock);
        Instant start = clock.instant();
        store.appendAudit(events(start, "old", 300), Duration.ofHours(1));
        assertEquals(300, store.listAudit(Instant.EPOCH, Instant.MAX, null, 1000).size());

        clock.now = start.plus(Duration.ofHours(2));
        assertEquals(0, store.listAudit(Instant.EPOCH, Instant.MAX, null, 1000).size(), "expired events listed");
        assertEquals(300, auditRows());
        store.appendAudit(events(clock.now, "a", 1), RETAIN); // removes AuditRows.PURGE_MIN expired rows
        assertEquals(300 - AuditRows.PURGE_MIN + 1, auditRows());
        store.appendAudit(events(clock.now, "b", 60), RETAIN); // removes twice what it adds: 120
        assertEquals(300 - AuditRows.PURGE_MIN - 120 + 61, auditRows());
        store.appendAudit(events(clock.now, "c", 1), RETAIN); // the last 80
        assertEquals(62, auditRows());
        assertEquals(62, store.listAudit(Instant.EPOCH, Instant.MAX, null, 1000).size());
    }

    private static List<AuditEvent> events(Instant at, String prefix, int count) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(audit(at, prefix + i, ""));
        }
        return out;
    }

    private int auditRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scratch.resolve(EmbeddedMetadataStore.FILE_NAME));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit")) {
            return rs.getInt(1);
        }
    }

    private static List<Integer> schemaVersions(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EmbeddedMetadataStore.FILE_NAME));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
            return out;
        }
    }

    /** A clock the test sets; the store reads it for "now" when appending and listing audit events. */
    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.listTags(REPO, null, -1));
        assertThrows(IllegalArgumentException.class, () -> store.listRepositories(null, -1));
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        store.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> store.repositoryExists(REPO));
        assertThrows(IllegalStateException.class, () -> store.ensureRepository(REPO));
        store = null;
    }
}
