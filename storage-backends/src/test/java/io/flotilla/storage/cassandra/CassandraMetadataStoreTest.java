package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.flotilla.model.Tag;
import io.flotilla.storage.contract.MetadataStoreContract;
import io.flotilla.storage.contract.Race;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.StorageUnavailableException;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract against a real Cassandra ({@code deploy/local/services.sh up cassandra}). Creating a keyspace
 * takes seconds, so the class shares one keyspace and one store: each test starts from truncated tables.
 */
class CassandraMetadataStoreTest extends MetadataStoreContract {
    private static CassandraSettings settings;
    private static CassandraMetadataStore shared;
    private static CqlSession admin;

    @BeforeAll
    static void openSharedStore() {
        settings = CassandraTestEnvironment.settings("contract");
        shared = CassandraTestEnvironment.open(settings);
        admin = CassandraTestEnvironment.adminSession(settings);
    }

    @AfterAll
    static void dropKeyspace() {
        if (shared != null) {
            shared.close();
        }
        if (admin != null) {
            CassandraTestEnvironment.dropKeyspace(admin, settings.keyspace());
            admin.close();
        }
    }

    /** The shared store over freshly truncated tables (all at once; truncation waits for every replica). */
    @Override
    protected MetadataStore createStore(Path scratch) {
        List<CompletableFuture<?>> truncations = new ArrayList<>();
        for (String table : Schema.tables()) {
            CompletionStage<?> f = admin.executeAsync(SimpleStatement.newInstance(
                    "TRUNCATE " + settings.keyspace() + "." + table).setTimeout(Duration.ofSeconds(60)));
            truncations.add(f.toCompletableFuture());
        }
        CompletableFuture.allOf(truncations.toArray(CompletableFuture[]::new)).join();
        return shared;
    }

    @Override
    protected void destroyStore(MetadataStore store) {
        // shared by the class; closed once in dropKeyspace
    }

    @Test
    void storesOpenedAtOnceOnANewKeyspaceAgreeOnTheSchema() throws Exception {
        CassandraSettings fresh = CassandraTestEnvironment.settings("race");
        try {
            List<Object> opened = Race.run(3, () -> CassandraTestEnvironment.open(fresh));
            opened.forEach(o -> assertInstanceOf(CassandraMetadataStore.class, o, () -> "open failed: " + o));
            CassandraMetadataStore a = (CassandraMetadataStore) opened.get(0);
            CassandraMetadataStore b = (CassandraMetadataStore) opened.get(1);
            a.putTag(REPO, Tag.parse("latest"), digest("v1"), Versioned.ABSENT);
            assertEquals(Optional.of(new Versioned<>(digest("v1"), 1)), b.getTag(REPO, Tag.parse("latest")));
            opened.forEach(o -> ((CassandraMetadataStore) o).close());

            // a keyspace left by a newer build is refused, not written to
            admin.execute("UPDATE " + fresh.keyspace() + ".schema_meta SET version = " + (Schema.VERSION + 1)
                    + " WHERE name = 'version'");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CassandraMetadataStore.open(fresh));
            assertTrue(e.getMessage().contains("schema version"), e.getMessage());
        } finally {
            CassandraTestEnvironment.dropKeyspace(admin, fresh.keyspace());
        }
    }

    @Test
    void anUnreachableContactPointFailsFastAsUnavailable() throws IOException {
        int refused;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = probe.getLocalPort();
        }
        assertUnavailableWithin(Duration.ofSeconds(5), settings.withTimeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(5)), new InetSocketAddress(InetAddress.getLoopbackAddress(), refused));

        // a server that accepts connections and never answers: the connection's first query times out
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            assertUnavailableWithin(Duration.ofSeconds(8), settings.withTimeouts(Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(5)), (InetSocketAddress) silent.getLocalSocketAddress());
        }
    }

    @Test
    void aHungServerFailsRequestsAsUnavailableAndServiceResumesByItself() throws Exception {
        assumeTrue(settings.contactPoints().size() == 1, "the proxy fronts one node; other nodes would be reached directly");
        try (PausableProxy proxy = new PausableProxy(settings.contactPoints().get(0));
             CassandraMetadataStore viaProxy = CassandraTestEnvironment.open(new CassandraSettings(
                     List.of(proxy.address()), settings.localDc(), settings.keyspace(), settings.replication(),
                     settings.consistency(), settings.serialConsistency(), Duration.ofSeconds(1),
                     Duration.ofSeconds(2), settings.ddlTimeout(), settings.bucketRetention()))) {
            viaProxy.putTag(REPO, Tag.parse("before"), digest("a"), Versioned.ABSENT);
            proxy.pause();
            long start = System.nanoTime();
            assertThrows(StorageUnavailableException.class, () -> viaProxy.getTag(REPO, Tag.parse("before")));
            assertThrows(StorageUnavailableException.class,
                    () -> viaProxy.putTag(REPO, Tag.parse("during"), digest("b"), Versioned.ABSENT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "two failed requests took " + took);
            proxy.resume();
            assertEquals(digest("a"), viaProxy.getTag(REPO, Tag.parse("before")).orElseThrow().value());
        }
    }

    @Test
    void aVersionOneKeyspaceIsUpgradedAndKeepsItsRows() {
        CassandraSettings old = CassandraTestEnvironment.settings("upgrade");
        try {
            try (Cql cql = Cql.connect(old)) {
                Schema.migrate(cql, 1);
                assertTrue(cql.one("reading tables", SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables"
                        + " WHERE keyspace_name = ? AND table_name = 'records'", old.keyspace())).isEmpty());
            }
            assertEquals(1, admin.execute("SELECT version FROM " + old.keyspace()
                    + ".schema_meta WHERE name = 'version'").one().getInt(0));
            // a row as an older build leaves it; that build could not prepare statements for the new tables
            admin.execute(SimpleStatement.newInstance("INSERT INTO " + old.keyspace()
                    + ".repositories (name, created) VALUES (?, toTimestamp(now()))", REPO.value()));
            try (CassandraMetadataStore upgraded = CassandraTestEnvironment.open(old)) {
                assertTrue(upgraded.repositoryExists(REPO));
                assertEquals(1, upgraded.putRecord("users", "alice", "{}", Versioned.ABSENT));
                upgraded.appendAudit(List.of(audit(now(), "n", "")), RETAIN);
                assertEquals(1, upgraded.listAudit(Instant.EPOCH, Instant.MAX, null, 10).size());
            }
            assertEquals(Schema.VERSION, admin.execute("SELECT version FROM " + old.keyspace()
                    + ".schema_meta WHERE name = 'version'").one().getInt(0));
        } finally {
            CassandraTestEnvironment.dropKeyspace(admin, old.keyspace());
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        CassandraMetadataStore other = CassandraTestEnvironment.open(settings);
        other.close();
        other.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> other.repositoryExists(REPO));
        assertThrows(IllegalStateException.class, () -> other.putTag(REPO, Tag.parse("t"), digest("a"), Versioned.ABSENT));
    }

    @Test
    void theTagListingFollowsDeletesAndRecreates() {
        Tag tag = Tag.parse("rolling");
        store.putTag(REPO, tag, digest("a"), Versioned.ABSENT);
        store.putTag(REPO, tag, digest("b"), 1);
        assertEquals(List.of(new TagEntry(tag, digest("b"))), store.listTags(REPO, null, 10));
        store.deleteTag(REPO, tag, 2);
        assertEquals(List.of(), store.listTags(REPO, null, 10));
        assertEquals(1, store.putTag(REPO, tag, digest("c"), Versioned.ABSENT));
        assertEquals(List.of(new TagEntry(tag, digest("c"))), store.listTags(REPO, null, 10));
    }

    @Test
    void aFinishedHourOfAQueueIsDroppedWhole() {
        WorkItem a = new WorkItem("gc", 7, "a", T0, "x");
        WorkItem b = new WorkItem("gc", 7, "b", T0.plusSeconds(60), null);
        WorkItem later = new WorkItem("gc", 7, "c", T0.plus(Duration.ofHours(3)), "y");
        List.of(a, b, later).forEach(store::enqueue);
        store.complete(a);
        store.complete(b);
        assertEquals(List.of(later), store.dueItems("gc", 7, T0.plus(Duration.ofHours(4)), 10));
        List<Long> hours = admin.execute(SimpleStatement.newInstance("SELECT bucket FROM " + settings.keyspace()
                        + ".work_buckets WHERE queue = 'gc' AND part = 7"))
                .all().stream().map(r -> r.getLong(0)).toList();
        assertEquals(List.of(Columns.bucket(later.dueAt())), hours);
        store.enqueue(a); // an hour dropped can be used again
        assertEquals(List.of(a, later), store.dueItems("gc", 7, T0.plus(Duration.ofHours(4)), 10));
    }

    private static void assertUnavailableWithin(Duration bound, CassandraSettings base, InetSocketAddress point) {
        CassandraSettings unreachable = new CassandraSettings(List.of(point), base.localDc(), base.keyspace(),
                base.replication(), base.consistency(), base.serialConsistency(), base.requestTimeout(),
                base.connectTimeout(), base.ddlTimeout(), base.bucketRetention());
        long start = System.nanoTime();
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> CassandraMetadataStore.open(unreachable).close());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "failing took " + took + ": " + e);
    }
}
