package io.flotilla.storage.bench;

import io.flotilla.model.RepositoryName;
import io.flotilla.storage.cassandra.CassandraFixtures;
import io.flotilla.storage.cassandra.CassandraMetadataStore;
import io.flotilla.storage.cassandra.CassandraSettings;
import io.flotilla.storage.embedded.EmbeddedFixtures;
import io.flotilla.storage.embedded.EmbeddedMetadataStore;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.TagEntry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One metadata backend under test: the store, the fastest honest way to load a large tag fixture into it,
 * and what removes everything the benchmark left. Each run gets space of its own (a fresh SQLite directory,
 * a fresh keyspace).
 */
final class MetadataBackend implements AutoCloseable {
    /** Loads tags that do not exist yet into {@code repo}; returns how, for the table. */
    @FunctionalInterface
    interface TagLoader {
        String load(RepositoryName repo, List<TagEntry> tags) throws Exception;
    }

    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }

    private final String name;
    private final String where;
    private final MetadataStore store;
    private final TagLoader loader;
    private final Cleanup cleanup;

    private MetadataBackend(String name, String where, MetadataStore store, TagLoader loader, Cleanup cleanup) {
        this.name = name;
        this.where = where;
        this.store = store;
        this.loader = loader;
        this.cleanup = cleanup;
    }

    String name() {
        return name;
    }

    String where() {
        return where;
    }

    MetadataStore store() {
        return store;
    }

    String loadTags(RepositoryName repo, List<TagEntry> tags) throws Exception {
        return loader.load(repo, tags);
    }

    /** Opens the backend called {@code name} (embedded or cassandra) with the settings in {@code env}. */
    static MetadataBackend open(String name, Map<String, String> env, Path scratch) {
        return switch (name) {
            case "embedded" -> embedded(scratch.resolve("embedded"));
            case "cassandra" -> cassandra(env);
            default -> throw new IllegalArgumentException(
                    "unknown metadata backend " + name + " (known: embedded cassandra)");
        };
    }

    /**
     * SQLite in a directory of its own. A store fsyncs every commit, so 100,000 putTag calls would take minutes
     * here; the fixture goes in as one transaction of the store's own tag SQL instead.
     */
    private static MetadataBackend embedded(Path dir) {
        EmbeddedMetadataStore store = new EmbeddedMetadataStore(dir);
        return new MetadataBackend("embedded", dir.toString(), store, (repo, tags) -> {
            EmbeddedFixtures.createTags(dir, repo, tags);
            return "one SQLite transaction (putTag's SQL)";
        }, () -> {
            store.close();
            Scratch.delete(dir);
        });
    }

    /**
     * A fresh keyspace, {@code <prefix>_bench_<random>}, with the replication {@code FLOTILLA_CASSANDRA_DCS}
     * gives and the store's defaults (LOCAL_QUORUM, LOCAL_SERIAL); dropped at the end. The tag fixture goes in
     * as unlogged batches ({@link CassandraFixtures}), not one LWT per tag.
     */
    private static MetadataBackend cassandra(Map<String, String> env) {
        CassandraSettings settings = CassandraSettings.fromEnvironment(env,
                "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        CassandraMetadataStore store = CassandraMetadataStore.open(settings);
        CassandraFixtures fixtures;
        try {
            fixtures = CassandraFixtures.connect(settings);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new MetadataBackend("cassandra", settings.contactPoints() + " keyspace " + settings.keyspace()
                + " (" + settings.consistency() + ", " + settings.serialConsistency() + ")", store, (repo, tags) -> {
            store.ensureRepository(repo);
            fixtures.createTags(repo, tags);
            return "unlogged batches, 64 in flight";
        }, () -> {
            store.close();
            try (fixtures) {
                fixtures.dropKeyspace();
            }
        });
    }

    /** Removes everything the benchmark wrote here and closes the store. */
    @Override
    public void close() throws Exception {
        cleanup.run();
    }
}
