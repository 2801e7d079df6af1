package io.flotilla.storage.embedded;

import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.Versioned;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Bulk fixtures for benchmarks, written straight into the database file of an {@link EmbeddedMetadataStore}
 * (open or not) through this package's own row classes, so they run the very SQL the store runs. A store
 * commits (and fsyncs) each {@code putTag} on its own; here all rows go in one transaction.
 */
public final class EmbeddedFixtures {
    private EmbeddedFixtures() {
    }

    /** Creates the repository and every tag in {@code tags} (none may exist yet) at version 1, in one commit. */
    public static void createTags(Path dir, RepositoryName repo, List<TagEntry> tags) {
        try (SqliteDatabase db = new SqliteDatabase(dir.resolve(EmbeddedMetadataStore.FILE_NAME), 1)) {
            db.write(c -> {
                Schema.apply(c);
                CatalogRows.ensureRepository(c, repo, Instant.now());
                for (TagEntry t : tags) {
                    TagRows.put(c, repo, t.tag(), t.digest(), Versioned.ABSENT);
                }
                return null;
            });
        }
    }
}
