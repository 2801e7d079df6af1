package io.flotilla.storage.contract;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.MediaTypes;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobRef;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link MetadataStore} backend must pass, against its real server. A backend adopts it
 * by extending this class and implementing {@link #createStore}; see {@code EmbeddedMetadataStoreTest}.
 * Times are whole milliseconds, the finest precision every backend keeps.
 */
public abstract class MetadataStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected static final RepositoryName REPO = RepositoryName.parse("team/app");
    protected static final RepositoryName OTHER = RepositoryName.parse("team/other");

    @TempDir
    protected Path scratch;

    protected MetadataStore store;

    /** Returns a store that is empty and shared with no other test (a fresh file, keyspace or table set). */
    protected abstract MetadataStore createStore(Path scratch) throws Exception;

    /** Closes the store and removes what the test left in it. */
    protected void destroyStore(MetadataStore store) throws Exception {
        store.close();
    }

    @BeforeEach
    void openStore() throws Exception {
        store = createStore(scratch);
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            destroyStore(store);
        }
    }

    // ---- repositories ----

    @Test
    void ensureRepositoryIsIdempotent() {
        assertFalse(store.repositoryExists(REPO));
        store.ensureRepository(REPO);
        store.ensureRepository(REPO);
        assertTrue(store.repositoryExists(REPO));
        assertEquals(List.of(REPO), store.listRepositories(null, 10));
    }

    @Test
    void repositoriesListInNameOrderPagedAfterAnExclusiveBound() {
        List<String> names = new ArrayList<>(List.of("a", "b/c", "b", "a-b", "zz", "b/a", "m"));
        Collections.shuffle(names, new Random(1));
        names.forEach(n -> store.ensureRepository(RepositoryName.parse(n)));
        assertEquals(repos("a", "a-b"), store.listRepositories(null, 2));
        assertEquals(repos("b", "b/a"), store.listRepositories(RepositoryName.parse("a-b"), 2));
        assertEquals(repos("b/c", "m", "zz"), store.listRepositories(RepositoryName.parse("b/a"), 10));
        assertEquals(List.of(), store.listRepositories(RepositoryName.parse("zz"), 10));
        assertEquals(repos("m", "zz"), store.listRepositories(RepositoryName.parse("c"), 10));
    }

    // ---- manifests, blob_refs and referrers ----

    @Test
    void manifestRoundTripsEveryField() {
        ManifestRecord m = new ManifestRecord(REPO, digest("m1"), MediaTypes.OCI_MANIFEST + "; charset=utf-8",
                MediaTypes.OCI_MANIFEST, "application/vnd.example.sbom", digest("subject"),
                List.of(digest("config"), digest("layer")), Map.of("k", "v", "x", "y"), content("m1"), T0);
        store.putManifest(m);
        assertManifestEquals(m, store.getManifest(REPO, m.digest()).orElseThrow());
        assertEquals(Optional.empty(), store.getManifest(OTHER, m.digest()));
    }

    @Test
    void manifestWithoutOptionalFieldsRoundTrips() {
        ManifestRecord m = manifest(REPO, "bare", null, List.of());
        store.putManifest(m);
        assertManifestEquals(m, store.getManifest(REPO, m.digest()).orElseThrow());
    }

    @Test
    void missingManifestIsEmpty() {
        assertEquals(Optional.empty(), store.getManifest(REPO, digest("nothing")));
        assertFalse(store.deleteManifest(REPO, digest("nothing")));
    }

    @Test
    void putManifestIsIdempotent() {
        ManifestRecord m = manifest(REPO, "m", digest("subject"), List.of(digest("layer")));
        store.putManifest(m);
        store.putManifest(m);
        assertEquals(List.of(new BlobRef(digest("layer"), REPO, m.digest())), store.listBlobRefs(digest("layer"), 10));
        assertEquals(List.of(m.asReferrer()), store.listReferrers(REPO, digest("subject")));
    }

    @Test
    void deleteManifestRemovesItsBlobRefsAndReferrerEntry() {
        ManifestRecord m = manifest(REPO, "m", digest("subject"), List.of(digest("config"), digest("layer")));
        ManifestRecord keep = manifest(REPO, "keep", null, List.of(digest("layer")));
        store.putManifest(m);
        store.putManifest(keep);
        assertTrue(store.deleteManifest(REPO, m.digest()));
        assertEquals(Optional.empty(), store.getManifest(REPO, m.digest()));
        assertEquals(List.of(), store.listBlobRefs(digest("config"), 10));
        assertEquals(List.of(new BlobRef(digest("layer"), REPO, keep.digest())), store.listBlobRefs(digest("layer"), 10));
        assertEquals(List.of(), store.listReferrers(REPO, digest("subject")));
        assertFalse(store.deleteManifest(REPO, m.digest()));
    }

    @Test
    void referrersAreOrderedByDigestAndScopedToRepositoryAndSubject() {
        Digest subject = digest("subject");
        List<ManifestRecord> referrers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            referrers.add(manifest(REPO, "sig" + i, subject, List.of()));
        }
        referrers.forEach(store::putManifest);
        store.putManifest(manifest(OTHER, "elsewhere", subject, List.of()));
        store.putManifest(manifest(REPO, "unrelated", digest("another"), List.of()));
        store.putManifest(manifest(REPO, "plain", null, List.of()));
        List<Descriptor> expected = referrers.stream().sorted((a, b) -> a.digest().compareTo(b.digest()))
                .map(ManifestRecord::asReferrer).toList();
        assertEquals(expected, store.listReferrers(REPO, subject));
        assertEquals(List.of(), store.listReferrers(REPO, digest("no-referrers")));
    }

    @Test
    void blobRefsSpanRepositoriesAndHonourTheLimit() {
        Digest layer = digest("shared-layer");
        store.putManifest(manifest(REPO, "a", null, List.of(layer)));
        store.putManifest(manifest(REPO, "b", null, List.of(layer, digest("config"))));
        store.putManifest(manifest(OTHER, "c", null, List.of(layer)));
        List<BlobRef> all = store.listBlobRefs(layer, 10);
        assertEquals(3, all.size());
        assertTrue(all.stream().allMatch(r -> r.blob().equals(layer)));
        assertEquals(2, all.stream().filter(r -> r.repo().equals(REPO)).count());
        assertEquals(1, store.listBlobRefs(layer, 1).size());
    }

    // ---- tags ----

    @Test
    void tagsAreCreatedAndMovedWithGrowingVersions() {
        Tag tag = Tag.parse("latest");
        assertEquals(Optional.empty(), store.getTag(REPO, tag));
        assertEquals(1, store.putTag(REPO, tag, digest("v1"), Versioned.ABSENT));
        assertEquals(Optional.of(new Versioned<>(digest("v1"), 1)), store.getTag(REPO, tag));
        assertEquals(2, store.putTag(REPO, tag, digest("v2"), 1));
        assertEquals(Optional.of(new Versioned<>(digest("v2"), 2)), store.getTag(REPO, tag));
        assertEquals(Optional.empty(), store.getTag(OTHER, tag));
    }

    @Test
    void tagWriteWithAStaleVersionConflictsAndWritesNothing() {
        Tag tag = Tag.parse("v1.0");
        store.putTag(REPO, tag, digest("a"), Versioned.ABSENT);
        store.putTag(REPO, tag, digest("b"), 1);
        assertThrows(VersionConflictException.class, () -> store.putTag(REPO, tag, digest("c"), 1));
        assertThrows(VersionConflictException.class, () -> store.putTag(REPO, tag, digest("c"), 3));
        assertThrows(VersionConflictException.class, () -> store.putTag(REPO, tag, digest("c"), Versioned.ABSENT));
        assertEquals(Optional.of(new Versioned<>(digest("b"), 2)), store.getTag(REPO, tag));
        Tag missing = Tag.parse("missing");
        assertThrows(VersionConflictException.class, () -> store.putTag(REPO, missing, digest("c"), 1));
        assertEquals(Optional.empty(), store.getTag(REPO, missing));
    }

    @Test
    void tagDeleteIsACompareAndSet() {
        Tag tag = Tag.parse("gone");
        store.putTag(REPO, tag, digest("a"), Versioned.ABSENT);
        assertThrows(VersionConflictException.class, () -> store.deleteTag(REPO, tag, 2));
        assertThrows(VersionConflictException.class, () -> store.deleteTag(REPO, tag, Versioned.ABSENT));
        assertTrue(store.getTag(REPO, tag).isPresent());
        store.deleteTag(REPO, tag, 1);
        assertEquals(Optional.empty(), store.getTag(REPO, tag));
        store.deleteTag(REPO, tag, Versioned.ABSENT); // already absent, as expected
        assertThrows(VersionConflictException.class, () -> store.deleteTag(REPO, tag, 1));
        assertEquals(1, store.putTag(REPO, tag, digest("b"), Versioned.ABSENT));
    }

    @Test
    void tagsListInOrderPerRepositoryPagedAfterAnExclusiveBound() {
        List<String> names = new ArrayList<>(List.of("v2", "latest", "v10", "V1", "v1", "_x", "main"));
        Collections.shuffle(names, new Random(2));
        names.forEach(t -> store.putTag(REPO, Tag.parse(t), digest(t), Versioned.ABSENT));
        store.putTag(OTHER, Tag.parse("aaa"), digest("aaa"), Versioned.ABSENT);
        List<String> sorted = names.stream().sorted().toList();
        List<TagEntry> page1 = store.listTags(REPO, null, 3);
        assertEquals(sorted.subList(0, 3), page1.stream().map(e -> e.tag().value()).toList());
        assertEquals(digest(sorted.get(0)), page1.get(0).digest());
        List<TagEntry> rest = store.listTags(REPO, page1.get(2).tag(), 100);
        assertEquals(sorted.subList(3, sorted.size()), rest.stream().map(e -> e.tag().value()).toList());
        assertEquals(List.of(), store.listTags(REPO, Tag.parse(sorted.get(sorted.size() - 1)), 100));
        assertEquals(List.of(), store.listTags(RepositoryName.parse("empty"), null, 100));
    }

    @Test
    void racingTagCreatesHaveExactlyOneWinner() throws Exception {
        Tag tag = Tag.parse("race");
        List<Object> outcomes = Race.run(16, () -> store.putTag(REPO, tag,
                digest("by-" + Thread.currentThread().threadId()), Versioned.ABSENT));
        assertOneWinner(outcomes);
        assertEquals(1, store.getTag(REPO, tag).orElseThrow().version());
    }

    @Test
    void racingTagMovesFromOneVersionHaveExactlyOneWinner() throws Exception {
        Tag tag = Tag.parse("move");
        store.putTag(REPO, tag, digest("start"), Versioned.ABSENT);
        List<Object> outcomes = Race.run(16, () -> store.putTag(REPO, tag,
                digest("by-" + Thread.currentThread().threadId()), 1));
        assertOneWinner(outcomes);
        assertEquals(2, store.getTag(REPO, tag).orElseThrow().version());
    }

    // ---- repo -> blob links ----

    @Test
    void blobLinksAreIdempotentAndPerRepository() {
        Digest blob = digest("blob");
        assertFalse(store.isBlobLinked(REPO, blob));
        store.linkBlob(REPO, blob);
        store.linkBlob(REPO, blob);
        assertTrue(store.isBlobLinked(REPO, blob));
        assertFalse(store.isBlobLinked(OTHER, blob));
        store.unlinkBlob(REPO, blob);
        store.unlinkBlob(REPO, blob);
        assertFalse(store.isBlobLinked(REPO, blob));
    }

    // ---- blobs ----

    @Test
    void blobRowsRoundTripWithAMultiPieceLocation() {
        Digest d = digest("blob");
        BlobLocation location = new BlobLocation(List.of(new Piece("uploads/u1/0001-a", 5),
                new Piece("uploads/u1/0002-b", 0), new Piece("uploads/u1/0003-c", 7)));
        BlobRecord record = new BlobRecord(12, T0, location, GcState.LIVE, 0);
        assertEquals(Optional.empty(), store.getBlob(d));
        assertEquals(1, store.putBlob(d, record, Versioned.ABSENT));
        assertEquals(Optional.of(new Versioned<>(record, 1)), store.getBlob(d));
        BlobRecord marked = new BlobRecord(12, T0, location, GcState.MARKED, 0);
        assertEquals(2, store.putBlob(d, marked, 1));
        assertEquals(Optional.of(new Versioned<>(marked, 2)), store.getBlob(d));
    }

    @Test
    void blobWriteWithAStaleVersionConflictsAndWritesNothing() {
        Digest d = digest("blob");
        BlobRecord live = blob(GcState.LIVE, 0);
        store.putBlob(d, live, Versioned.ABSENT);
        assertThrows(VersionConflictException.class, () -> store.putBlob(d, blob(GcState.PURGING, 0), Versioned.ABSENT));
        assertThrows(VersionConflictException.class, () -> store.putBlob(d, blob(GcState.PURGING, 0), 2));
        assertThrows(VersionConflictException.class, () -> store.deleteBlob(d, 2));
        assertEquals(Optional.of(new Versioned<>(live, 1)), store.getBlob(d));
        store.deleteBlob(d, 1);
        assertEquals(Optional.empty(), store.getBlob(d));
    }

    @Test
    void racingBlobCommitsOfOneDigestHaveExactlyOneWinner() throws Exception {
        Digest d = digest("blob");
        List<Object> outcomes = Race.run(16, () -> store.putBlob(d, blob(GcState.LIVE, 0), Versioned.ABSENT));
        assertOneWinner(outcomes);
    }

    @Test
    void racingRefEpochBumpsLoseNoUpdate() throws Exception {
        Digest d = digest("blob");
        store.putBlob(d, blob(GcState.LIVE, 0), Versioned.ABSENT);
        int racers = 8;
        int bumps = 15;
        List<Object> outcomes = Race.run(racers, () -> {
            for (int done = 0; done < bumps; ) {
                Versioned<BlobRecord> current = store.getBlob(d).orElseThrow();
                try {
                    store.putBlob(d, current.value().withRefEpochBumped(), current.version());
                    done++;
                } catch (VersionConflictException e) {
                    // lost the race: read again and retry, as every writer does
                }
            }
            return bumps;
        });
        outcomes.forEach(o -> assertInstanceOf(Integer.class, o, () -> "racer failed: " + o));
        Versioned<BlobRecord> last = store.getBlob(d).orElseThrow();
        assertEquals(racers * bumps, last.value().refEpoch());
        assertEquals(1 + racers * bumps, last.version());
    }

    // ---- uploads ----

    @Test
    void uploadRowsRoundTripWithGrowingVersions() {
        UploadRecord started = UploadRecord.start("u-1", REPO, T0);
        assertEquals(1, store.putUpload(started, Versioned.ABSENT));
        assertEquals(Optional.of(new Versioned<>(started, 1)), store.getUpload("u-1"));
        UploadRecord grown = started.withPiece(new Piece("uploads/u-1/p1", 100), T0.plusSeconds(1))
                .withPiece(new Piece("uploads/u-1/p2", 50), T0.plusSeconds(2));
        assertEquals(2, store.putUpload(grown, 1));
        Versioned<UploadRecord> read = store.getUpload("u-1").orElseThrow();
        assertEquals(new Versioned<>(grown, 2), read);
        assertEquals(150, read.value().size());
    }

    @Test
    void aCommittingUploadKeepsItsDigestAndFinalPieces() {
        UploadRecord started = UploadRecord.start("u-9", REPO, T0);
        store.putUpload(started, Versioned.ABSENT);
        Digest target = Digest.sha256("committed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Piece> pieces = List.of(new Piece("uploads/u-9/p1", 9));
        UploadRecord claimed = started.committing(pieces, target, T0.plusSeconds(3));
        assertEquals(2, store.putUpload(claimed, 1));
        UploadRecord read = store.getUpload("u-9").orElseThrow().value();
        assertEquals(target, read.committedAs());
        assertEquals(pieces, read.pieces());
        assertEquals(null, started.committedAs());
    }

    @Test
    void uploadWriteWithAStaleVersionConflictsAndWritesNothing() {
        UploadRecord started = UploadRecord.start("u-2", REPO, T0);
        store.putUpload(started, Versioned.ABSENT);
        UploadRecord grown = started.withPiece(new Piece("uploads/u-2/p1", 10), T0.plusSeconds(1));
        assertThrows(VersionConflictException.class, () -> store.putUpload(grown, Versioned.ABSENT));
        assertThrows(VersionConflictException.class, () -> store.putUpload(grown, 2));
        assertEquals(Optional.of(new Versioned<>(started, 1)), store.getUpload("u-2"));
    }

    @Test
    void deleteUploadIsIdempotent() {
        store.putUpload(UploadRecord.start("u-3", REPO, T0), Versioned.ABSENT);
        store.deleteUpload("u-3");
        store.deleteUpload("u-3");
        store.deleteUpload("never-existed");
        assertEquals(Optional.empty(), store.getUpload("u-3"));
    }

    @Test
    void racingChunkAppendsToOneUploadHaveExactlyOneWinner() throws Exception {
        UploadRecord started = UploadRecord.start("u-4", REPO, T0);
        store.putUpload(started, Versioned.ABSENT);
        List<Object> outcomes = Race.run(16, () -> store.putUpload(started.withPiece(
                new Piece("uploads/u-4/p" + Thread.currentThread().threadId(), 10), T0.plusSeconds(1)), 1));
        assertOneWinner(outcomes);
        assertEquals(1, store.getUpload("u-4").orElseThrow().value().pieces().size());
    }

    @Test
    void uploadsTouchedBeforeACutoffListOldestFirst() {
        store.putUpload(new UploadRecord("u-c", REPO, List.of(), T0, T0.plusSeconds(30), null), Versioned.ABSENT);
        store.putUpload(new UploadRecord("u-a", REPO, List.of(), T0, T0.plusSeconds(10), null), Versioned.ABSENT);
        store.putUpload(new UploadRecord("u-b", REPO, List.of(), T0, T0.plusSeconds(20), null), Versioned.ABSENT);
        store.putUpload(new UploadRecord("u-new", REPO, List.of(), T0, T0.plusSeconds(100), null), Versioned.ABSENT);
        assertEquals(List.of("u-a", "u-b", "u-c"), ids(store.listUploadsTouchedBefore(T0.plusSeconds(60), 10)));
        assertEquals(List.of("u-a", "u-b"), ids(store.listUploadsTouchedBefore(T0.plusSeconds(60), 2)));
        assertEquals(List.of("u-a"), ids(store.listUploadsTouchedBefore(T0.plusSeconds(20), 10)));
        assertEquals(List.of(), store.listUploadsTouchedBefore(T0, 10));
    }

    // ---- work queues ----

    @Test
    void dueItemsAreEarliestFirstAndOnlyThoseDueInThatPartition() {
        store.enqueue(new WorkItem("gc", 3, "late", T0.plusSeconds(30), "p-late"));
        store.enqueue(new WorkItem("gc", 3, "early", T0.plusSeconds(10), "p-early"));
        store.enqueue(new WorkItem("gc", 3, "mid", T0.plusSeconds(20), null));
        store.enqueue(new WorkItem("gc", 3, "future", T0.plusSeconds(100), "p"));
        store.enqueue(new WorkItem("gc", 4, "other-partition", T0, "p"));
        store.enqueue(new WorkItem("replication", 3, "other-queue", T0, "p"));
        List<WorkItem> due = store.dueItems("gc", 3, T0.plusSeconds(30), 10);
        assertEquals(List.of(new WorkItem("gc", 3, "early", T0.plusSeconds(10), "p-early"),
                new WorkItem("gc", 3, "mid", T0.plusSeconds(20), null),
                new WorkItem("gc", 3, "late", T0.plusSeconds(30), "p-late")), due);
        assertEquals(List.of("early"), store.dueItems("gc", 3, T0.plusSeconds(30), 1).stream().map(WorkItem::id).toList());
        assertEquals(List.of(), store.dueItems("gc", 3, T0, 10));
    }

    @Test
    void reEnqueueingReplacesDueTimeAndPayload() {
        store.enqueue(new WorkItem("gc", 0, "blob-1", T0, "first"));
        WorkItem later = new WorkItem("gc", 0, "blob-1", T0.plus(Duration.ofHours(1)), "second");
        store.enqueue(later);
        assertEquals(List.of(), store.dueItems("gc", 0, T0.plusSeconds(1), 10));
        assertEquals(List.of(later), store.dueItems("gc", 0, T0.plus(Duration.ofHours(2)), 10));
    }

    @Test
    void completedItemsAreNoLongerDueAndCompletionIsIdempotent() {
        WorkItem item = new WorkItem("gc", 1, "blob-2", T0, "x");
        WorkItem other = new WorkItem("gc", 1, "blob-3", T0, "y");
        store.enqueue(item);
        store.enqueue(other);
        store.complete(item);
        store.complete(item);
        assertEquals(List.of(other), store.dueItems("gc", 1, T0.plusSeconds(1), 10));
    }

    // ---- helpers ----

    /** A digest that stands for a name, so tests read as prose. */
    protected static Digest digest(String name) {
        return Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
    }

    protected static byte[] content(String name) {
        return ("{\"schemaVersion\":2,\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    protected static ManifestRecord manifest(RepositoryName repo, String name, Digest subject, List<Digest> refs) {
        byte[] bytes = content(repo + "/" + name);
        return new ManifestRecord(repo, Digest.sha256(bytes), MediaTypes.OCI_MANIFEST, MediaTypes.OCI_MANIFEST,
                null, subject, refs, null, bytes, T0);
    }

    protected static BlobRecord blob(GcState state, long refEpoch) {
        return new BlobRecord(42, T0, BlobLocation.of(new Piece("blobs/sha256/" + digest("x").hex(), 42)), state, refEpoch);
    }

    protected static void assertManifestEquals(ManifestRecord expected, ManifestRecord actual) {
        assertEquals(expected.repo(), actual.repo());
        assertEquals(expected.digest(), actual.digest());
        assertEquals(expected.contentType(), actual.contentType());
        assertEquals(expected.mediaType(), actual.mediaType());
        assertEquals(expected.artifactType(), actual.artifactType());
        assertEquals(expected.subject(), actual.subject());
        assertEquals(expected.references(), actual.references());
        assertEquals(expected.annotations(), actual.annotations());
        assertArrayEquals(expected.content(), actual.content());
        assertEquals(expected.created(), actual.created());
    }

    /** Exactly one racer returned normally; every other one lost with a VersionConflictException. */
    protected static void assertOneWinner(List<Object> outcomes) {
        long conflicts = Race.count(outcomes, VersionConflictException.class);
        long wins = outcomes.stream().filter(o -> !(o instanceof Throwable)).count();
        assertEquals(1, wins, () -> "outcomes: " + outcomes);
        assertEquals(outcomes.size() - 1, conflicts, () -> "outcomes: " + outcomes);
    }

    private static List<RepositoryName> repos(String... names) {
        return java.util.Arrays.stream(names).map(RepositoryName::parse).toList();
    }

    private static List<String> ids(List<UploadRecord> uploads) {
        return uploads.stream().map(UploadRecord::id).toList();
    }
}
