package io.flotilla.node.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.model.Digest;
import io.flotilla.model.Reference;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.node.TestNode;
import io.flotilla.node.auth.MutableClock;
import io.flotilla.node.registry.Chunk;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.Registry;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Versioned;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector held inside each window of the protocol (between its read and its mark, between the mark and
 * the purge, between the purge and the byte deletion) while a push or a read reuses the blob. Each must either
 * revive the blob or fail cleanly, and no manifest may be left pointing at missing bytes. The stores are the
 * test node's (embedded, or Cassandra and Ceph when the suite runs on them), the clock is moved by hand.
 */
class CollectionRaceTest {
    private static final Duration DELAY = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final AtomicInteger REPO_NUMBERS = new AtomicInteger();
    private static TestNode.Stores stores;
    private static MetadataStore metadata;
    private static BlobStore blobs;

    /** Each test's own repository: the stores are shared by the class, as making a keyspace takes seconds. */
    private final RepositoryName repo = RepositoryName.parse("race/app" + REPO_NUMBERS.incrementAndGet());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.now());
    private final Hold hold = new Hold();
    private Registry registry;
    private GarbageCollection gc;
    /** Runs inside the registry's manifest write, just before the row is stored: a writer's stall. */
    private volatile Runnable stallBeforeManifestRow = () -> { };
    /** Runs inside the registry's tag write, just before the tag is stored. */
    private volatile Runnable stallBeforeTag = () -> { };
    /** The config and layer of the image {@link #untaggedManifestDue} pushed. */
    private Digest lastConfig;
    private Digest lastLayer;

    /** A failpoint that holds the collector in one window for one digest until released. */
    private static final class Hold implements GcFailpoints {
        private volatile GcWindow window;
        private volatile Digest digest;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        /** When set, what happens in the window before the collector's node dies there, instead of holding. */
        private volatile Runnable beforeDeath;

        void at(GcWindow window, Digest digest) {
            this.window = window;
            this.digest = digest;
        }

        /** The collector's node dies in {@code window} for {@code digest}, once {@code meanwhile} ran. */
        void dieAt(GcWindow window, Digest digest, Runnable meanwhile) {
            at(window, digest);
            beforeDeath = meanwhile;
        }

        @Override
        public void reached(GcWindow w, Digest d) throws InterruptedException {
            if (w == window && d.equals(digest)) {
                Runnable dying = beforeDeath;
                if (dying != null) {
                    beforeDeath = null;
                    dying.run();
                    throw new IllegalStateException("the collector's node died in " + w);
                }
                reached.countDown();
                released.await();
            }
        }

        void awaitReached() throws InterruptedException {
            assertTrue(reached.await(30, TimeUnit.SECONDS), "the collector never reached " + window);
        }

        void release() {
            released.countDown();
        }
    }

    @BeforeAll
    static void openStores(@TempDir Path dir) throws Exception {
        stores = TestNode.stores(dir);
        metadata = stores.metadata();
        blobs = stores.blobs();
    }

    @AfterAll
    static void closeStores() throws Exception {
        stores.close();
    }

    @BeforeEach
    void setUp() {
        InMemoryGrid grid = new InMemoryGrid();
        GcQueue queue = new GcQueue(metadata, clock, DELAY, "dc1");
        ReadMarks reads = new ReadMarks(grid.blobReads(), clock, Duration.ZERO, Runnable::run);
        MetadataStore stalling = (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putManifest")) {
                        stallBeforeManifestRow.run();
                    } else if (method.getName().equals("putTag")) {
                        stallBeforeTag.run();
                    }
                    try {
                        return method.invoke(metadata, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        registry = Registry.create(blobs, stalling, grid, InMemoryGrid.NO_LOCKS, grid, queue, reads, clock,
                new Registry.Settings(4 * 1024 * 1024, Duration.ofHours(24)));
        GcSettings settings = new GcSettings(true, DELAY, GRACE, Duration.ofSeconds(1), 100, 4, 10_000, 10_000,
                UntaggedPolicy.KEEP, Duration.ofMinutes(5), 50);
        GcControl control = new GcControl(metadata);
        gc = new GarbageCollection(settings, metadata, blobs, queue, reads, registry.manifests(), p -> true, control,
                new GcMetrics(new SimpleMeterRegistry(), control::pausedAsLastSeen), clock, hold);
    }

    @AfterEach
    void tearDown() throws Exception {
        hold.release();
        gc.close();
    }

    // ---- the three windows -------------------------------------------------------------------------

    @Test
    void aManifestPushedBetweenTheReadAndTheMarkBreaksTheMark() throws Exception {
        Digest layer = pushBlob("a layer reused between read and mark");
        Digest config = pushBlob("{}");
        clock.advance(DELAY.plusMinutes(1));
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_MARK, layer);

        pushManifest("v1", config, layer);
        hold.release();
        poll.get(30, TimeUnit.SECONDS);

        assertEquals(GcState.LIVE, row(layer).state(), "the mark should have lost to the push's epoch bump");
        collectForAWhile();
        assertIntact("v1", layer);
    }

    @Test
    void aLayerReliedOnAgainWithinHalfTheDelayTakesNoCompareAndSet() {
        Digest layer = pushBlob("a base layer under many pushes");
        Digest config = pushBlob("{\"hot\":1}");
        long stored = metadata.getBlob(layer).orElseThrow().version();
        pushManifest("a", config, layer);
        clock.advance(DELAY.dividedBy(2).minusMinutes(1));
        pushManifest("b", config, layer);
        assertEquals(stored, metadata.getBlob(layer).orElseThrow().version(), "touched lately: no bump");
        clock.advance(Duration.ofMinutes(2));
        pushManifest("c", config, layer);
        assertTrue(metadata.getBlob(layer).orElseThrow().version() != stored, "past half the delay: bumped");
    }

    @Test
    void aReadBetweenTheReadAndTheMarkPushesTheCollectionBack() throws Exception {
        Digest layer = pushBlob("a layer HEADed while the collector looks at it");
        clock.advance(DELAY.plusMinutes(1));
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_MARK, layer);

        registry.blobs().stat(repo, layer);
        hold.release();
        poll.get(30, TimeUnit.SECONDS);

        clock.advance(GRACE.plusMinutes(1));
        gc.pollNow();
        assertEquals(GcState.LIVE, row(layer).state(), "a blob read within the delay must be revived, not purged");
        assertEquals(1.0, gc.metrics().totals().get("revived"));
        assertTrue(readable(layer), "the client that HEADed it may still rely on it");
        // and once the reads stop for the delay, it goes
        clock.advance(DELAY.plusMinutes(1));
        collectForAWhile();
        assertTrue(row(layer) == null, "an unread, unreferenced blob is collected in the end");
    }

    @Test
    void aManifestPushedBetweenTheMarkAndThePurgeRevivesTheBlob() throws Exception {
        Digest layer = pushBlob("a layer reused between mark and purge");
        clock.advance(DELAY.plusMinutes(1));
        gc.pollNow();
        assertEquals(GcState.MARKED, row(layer).state());
        clock.advance(GRACE.plusMinutes(1));
        Digest config = pushBlob("{\"c\":1}");
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_PURGE, layer);

        pushManifest("v1", config, layer);
        hold.release();
        poll.get(30, TimeUnit.SECONDS);

        assertEquals(GcState.LIVE, row(layer).state(), "the push's bump revives the mark, so the purge must fail");
        collectForAWhile();
        assertIntact("v1", layer);
    }

    @Test
    void theSameBlobUploadedAgainBetweenTheMarkAndThePurgeRevivesIt() throws Exception {
        String text = "a layer uploaded again between mark and purge";
        Digest layer = pushBlob(text);
        clock.advance(DELAY.plusMinutes(1));
        gc.pollNow();
        clock.advance(GRACE.plusMinutes(1));
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_PURGE, layer);

        assertEquals(layer, pushBlob(text));
        hold.release();
        poll.get(30, TimeUnit.SECONDS);

        assertEquals(GcState.LIVE, row(layer).state());
        assertTrue(readable(layer));
        pushManifest("v1", pushBlob("{\"c\":2}"), layer);
        collectForAWhile();
        assertIntact("v1", layer);
    }

    @Test
    void betweenThePurgeAndTheByteDeletionReadsAndPushesFailCleanlyAndAFreshUploadWins() throws Exception {
        String text = "a layer purged while a client pushes an image with it";
        Digest layer = pushBlob(text);
        clock.advance(DELAY.plusMinutes(1));
        gc.pollNow();
        clock.advance(GRACE.plusMinutes(1));
        Digest config = pushBlob("{\"c\":3}");
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_BYTE_DELETE, layer);
        assertEquals(GcState.PURGING, row(layer).state());

        RegistryException head = assertThrows(RegistryException.class, () -> registry.blobs().stat(repo, layer));
        assertEquals(ErrorCode.BLOB_UNKNOWN, head.code(), "a purging blob reads as missing");
        RegistryException push = assertThrows(RegistryException.class, () -> pushManifest("v1", config, layer));
        assertEquals(ErrorCode.MANIFEST_BLOB_UNKNOWN, push.code(), "the push fails as for an unknown blob");
        assertFalse(registry.manifests().tagged(repo, manifestDigestOf(config, layer)), "no manifest was left behind");

        // the client does what the failure asks: upload the layer again, then the manifest
        assertEquals(layer, pushBlob(text));
        pushManifest("v1", config, layer);
        hold.release();
        poll.get(30, TimeUnit.SECONDS);

        collectForAWhile();
        assertIntact("v1", layer);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), bytes(layer));
    }

    @Test
    void aWriterStalledPastAWholeMarkAndPurgeUndoesItsManifest() throws Exception {
        Digest layer = pushBlob("a layer purged while its writer stalled after the bump");
        Digest config = pushBlob("{\"c\":4}");
        Digest manifest = manifestDigestOf(config, layer);
        // The collector's whole mark and purge land after the push's bump, before its manifest row: as if the
        // writer's process had been paused for longer than the delay and the grace.
        stallBeforeManifestRow = () -> {
            Versioned<BlobRecord> current = metadata.getBlob(layer).orElseThrow();
            long marked = metadata.putBlob(layer, current.value().inState(GcState.MARKED), current.version());
            metadata.putBlob(layer, current.value().inState(GcState.PURGING), marked);
        };

        RegistryException push = assertThrows(RegistryException.class, () -> pushManifest("v1", config, layer));
        assertEquals(ErrorCode.MANIFEST_BLOB_UNKNOWN, push.code(), "the confirmation after the write must catch it");
        assertTrue(metadata.getManifest(repo, manifest).isEmpty(), "the manifest row was not taken back");
        assertFalse(registry.manifests().tagged(repo, manifest));
    }

    @Test
    void anUnreferencedBlobGoesThroughEveryStateAndIsGone() throws Exception {
        Digest lone = pushBlob("nobody references this");
        gc.pollNow();
        assertEquals(GcState.LIVE, row(lone).state(), "nothing happens before the delay");
        clock.advance(DELAY.plusMinutes(1));
        gc.pollNow();
        assertEquals(GcState.MARKED, row(lone).state());
        gc.pollNow();
        assertEquals(GcState.MARKED, row(lone).state(), "the mark stands for the grace");
        clock.advance(GRACE.plusMinutes(1));
        gc.pollNow();
        assertTrue(row(lone) == null);
        assertFalse(readable(lone));
        assertEquals(0, gc.scrubNow());
    }

    // ---- untagged manifests -------------------------------------------------------------------------

    @Test
    void aTagPushedBetweenTheUntaggedCheckAndTheDeleteKeepsTheManifest() throws Exception {
        Digest manifest = untaggedManifestDue("between check and delete");
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_MANIFEST_DELETE, manifest);
        Digest layer = pushTaggedAgain("v1");
        hold.release();
        poll.get(30, TimeUnit.SECONDS);
        assertIntact("v1", layer);
        collectForAWhile();
        assertIntact("v1", layer);
    }

    @Test
    void aPushWhoseRowIsCollectedBeforeItsTagLandsPutsTheRowBack() throws Exception {
        Digest manifest = untaggedManifestDue("collected before the tag");
        // The collector deletes the row between the push's row and its tag, then dies before its second look:
        // only the push's own look at the row after its tag can put it back before the push is acknowledged.
        hold.dieAt(GcWindow.BEFORE_TAG_RECHECK, manifest, () -> { });
        stallBeforeTag = () -> {
            stallBeforeTag = () -> { };
            gc.pollNow();
        };
        Digest layer = pushTaggedAgain("v1");
        assertTrue(metadata.getManifest(repo, manifest).isPresent(), "the push was acknowledged without its row");
        assertIntact("v1", layer);
    }

    @Test
    void aPullByTagBetweenTheDeleteAndThePutBackGetsTheManifest() throws Exception {
        Digest manifest = untaggedManifestDue("pulled in the gap");
        CompletableFuture<Void> poll = pollHeldAt(GcWindow.BEFORE_TAG_RECHECK, manifest);
        // The tag lands after the delete, from a push whose own look at the row came before it.
        metadata.putTag(repo, new Tag("v1"), manifest, Versioned.ABSENT);
        assertTrue(metadata.getManifest(repo, manifest).isEmpty(), "the row is gone for now");
        assertArrayEquals(manifestBytes(lastConfig, lastLayer),
                registry.manifests().get(repo, new Reference.ByTag(new Tag("v1"))).content());
        RegistryException byDigest = assertThrows(RegistryException.class,
                () -> registry.manifests().get(repo, new Reference.ByDigest(manifest)));
        assertEquals(ErrorCode.MANIFEST_UNKNOWN, byDigest.code(), "only a tag's read falls back to the copy");
        hold.release();
        poll.get(30, TimeUnit.SECONDS);
        assertIntact("v1", lastLayer);
    }

    @Test
    void aCollectorThatDiesBetweenTheDeleteAndTheSecondLookLeavesTheNextReviewToPutTheManifestBack() throws Exception {
        Digest manifest = untaggedManifestDue("dies after the delete");
        // The tag lands after the delete, from a push whose own look at the row came before it.
        hold.dieAt(GcWindow.BEFORE_TAG_RECHECK, manifest,
                () -> metadata.putTag(repo, new Tag("v1"), manifest, Versioned.ABSENT));
        gc.pollNow();
        assertTrue(metadata.getManifest(repo, manifest).isEmpty(), "the collector died with the row deleted");
        gc.pollNow();
        assertIntact("v1", lastLayer);
        collectForAWhile();
        assertIntact("v1", lastLayer);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /**
     * Pushes an image by digest into a repository whose policy deletes untagged manifests at once, and moves
     * the clock past the delay: the manifest's review is due and will decide to delete it.
     */
    private Digest untaggedManifestDue(String name) {
        new UntaggedPolicies(metadata, UntaggedPolicy.KEEP).set(repo, new UntaggedPolicy(0));
        lastConfig = pushBlob("config of " + name);
        lastLayer = pushBlob("layer of " + name);
        Digest manifest = manifestDigestOf(lastConfig, lastLayer);
        registry.manifests().put(repo, new Reference.ByDigest(manifest), "application/vnd.oci.image.manifest.v1+json",
                manifestBytes(lastConfig, lastLayer));
        clock.advance(DELAY.plusMinutes(1));
        return manifest;
    }

    /** Pushes the image {@link #untaggedManifestDue} pushed again, under {@code tag}; returns its layer. */
    private Digest pushTaggedAgain(String tag) {
        pushManifest(tag, lastConfig, lastLayer);
        return lastLayer;
    }

    private CompletableFuture<Void> pollHeldAt(GcWindow window, Digest digest) throws InterruptedException {
        hold.at(window, digest);
        CompletableFuture<Void> poll = CompletableFuture.runAsync(gc::pollNow);
        hold.awaitReached();
        return poll;
    }

    /** Lets the collector run through several delays and graces, as it would over days. */
    private void collectForAWhile() {
        for (int i = 0; i < 6; i++) {
            gc.pollNow();
            clock.advance(DELAY.plus(GRACE));
        }
        gc.pollNow();
    }

    private void assertIntact(String tag, Digest layer) throws Exception {
        assertTrue(registry.manifests().tagged(repo, registry.manifests()
                .get(repo, new Reference.ByTag(new Tag(tag))).digest()));
        assertEquals(GcState.LIVE, row(layer).state());
        assertTrue(readable(layer), "a manifest points at missing bytes");
        assertEquals(0, gc.scrubNow(), "the scrub found a referenced blob missing");
    }

    private Digest pushBlob(String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(content);
        String upload = registry.uploads().start(repo).id();
        registry.uploads().complete(repo, upload, digest, Chunk.unranged(new ByteArrayInputStream(content)));
        return digest;
    }

    private byte[] manifestBytes(Digest config, Digest layer) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.set("config", descriptor("application/vnd.oci.image.config.v1+json", config));
        m.putArray("layers").add(descriptor("application/vnd.oci.image.layer.v1.tar", layer));
        try {
            return JSON.writeValueAsBytes(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Digest manifestDigestOf(Digest config, Digest layer) {
        return Digest.sha256(manifestBytes(config, layer));
    }

    private ObjectNode descriptor(String mediaType, Digest digest) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString())
                .put("size", Optional.ofNullable(row(digest)).map(BlobRecord::size).orElse(0L));
    }

    private void pushManifest(String tag, Digest config, Digest layer) {
        registry.manifests().put(repo, new Reference.ByTag(new Tag(tag)), "application/vnd.oci.image.manifest.v1+json",
                manifestBytes(config, layer));
    }

    private BlobRecord row(Digest digest) {
        return metadata.getBlob(digest).map(Versioned::value).orElse(null);
    }

    private boolean readable(Digest digest) {
        try {
            return bytes(digest).length == row(digest).size();
        } catch (RuntimeException | java.io.IOException e) {
            return false;
        }
    }

    private byte[] bytes(Digest digest) throws java.io.IOException {
        BlobRecord blob = registry.blobs().stat(repo, digest);
        try (InputStream in = registry.blobs().open(blob, 0, blob.size())) {
            return in.readAllBytes();
        }
    }
}
