package io.flotilla.storage.embedded;

import io.flotilla.model.Tag;
import io.flotilla.storage.contract.MetadataStoreContract;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
