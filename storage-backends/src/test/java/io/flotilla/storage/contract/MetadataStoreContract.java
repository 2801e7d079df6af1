package io.flotilla.storage.contract;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.MediaTypes;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.AuditEvent;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobRef;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.StoredRecord;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link MetadataStore} backend must pass, against its real server. A backend adopts it
 * by extending this class and implementing {@link #createStore}; see {@code EmbeddedMetadataStoreTest}.
 * Times are whole milliseconds, the finest precision every backend keeps. Audit tests use the real time:
 * retention counts from an event's time, and Cassandra expires rows by TTL on its own clock.
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
                    store.putBlob(d, current.value().withRefEpochBumped(T0), current.version());
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

    // ---- access-control records ----

    @Test
    void recordsAreCreatedAndRewrittenWithGrowingVersions() {
        assertEquals(Optional.empty(), store.getRecord("users", "alice"));
        String doc = "{\"name\":\"Alice Müller 😀\",\"roles\":[\"admin\"]}";
        assertEquals(1, store.putRecord("users", "alice", doc, Versioned.ABSENT));
        assertEquals(Optional.of(new StoredRecord("alice", doc, 1)), store.getRecord("users", "alice"));
        assertEquals(2, store.putRecord("users", "alice", "{}", 1));
        assertEquals(3, store.putRecord("users", "alice", "{\"v\":3}", 2));
        assertEquals(Optional.of(new StoredRecord("alice", "{\"v\":3}", 3)), store.getRecord("users", "alice"));
    }

    @Test
    void recordWriteWithAStaleVersionConflictsAndWritesNothing() {
        store.putRecord("projects", "library", "{\"a\":1}", Versioned.ABSENT);
        store.putRecord("projects", "library", "{\"a\":2}", 1);
        assertThrows(VersionConflictException.class, () -> store.putRecord("projects", "library", "{}", Versioned.ABSENT));
        assertThrows(VersionConflictException.class, () -> store.putRecord("projects", "library", "{}", 1));
        assertThrows(VersionConflictException.class, () -> store.putRecord("projects", "library", "{}", 3));
        assertEquals(Optional.of(new StoredRecord("library", "{\"a\":2}", 2)), store.getRecord("projects", "library"));
        assertThrows(VersionConflictException.class, () -> store.putRecord("projects", "missing", "{}", 1));
        assertEquals(Optional.empty(), store.getRecord("projects", "missing"));
    }

    @Test
    void recordDeleteIsACompareAndSet() {
        store.putRecord("robots", "ci", "{}", Versioned.ABSENT);
        assertThrows(VersionConflictException.class, () -> store.deleteRecord("robots", "ci", 2));
        assertThrows(VersionConflictException.class, () -> store.deleteRecord("robots", "ci", Versioned.ABSENT));
        assertTrue(store.getRecord("robots", "ci").isPresent());
        store.deleteRecord("robots", "ci", 1);
        assertEquals(Optional.empty(), store.getRecord("robots", "ci"));
        store.deleteRecord("robots", "ci", Versioned.ABSENT); // already absent, as expected
        store.deleteRecord("robots", "never", Versioned.ABSENT);
        assertThrows(VersionConflictException.class, () -> store.deleteRecord("robots", "ci", 1));
        assertEquals(List.of(), store.listRecords("robots", "", null, 10));
        assertEquals(1, store.putRecord("robots", "ci", "{\"again\":true}", Versioned.ABSENT));
    }

    @Test
    void kindsAreIsolatedFromEachOther() {
        store.putRecord("users", "ci", "{\"user\":true}", Versioned.ABSENT);
        store.putRecord("robots", "ci", "{\"robot\":true}", Versioned.ABSENT);
        store.putRecord("robots", "ci", "{\"robot\":2}", 1);
        assertEquals(Optional.of(new StoredRecord("ci", "{\"user\":true}", 1)), store.getRecord("users", "ci"));
        assertEquals(List.of(new StoredRecord("ci", "{\"robot\":2}", 2)), store.listRecords("robots", "", null, 10));
        store.deleteRecord("users", "ci", 1);
        assertEquals(Optional.empty(), store.getRecord("users", "ci"));
        assertTrue(store.getRecord("robots", "ci").isPresent());
        assertEquals(List.of(), store.listRecords("signing_keys", "", null, 10)); // a kind never written
        assertEquals(Optional.empty(), store.getRecord("signing_keys", "ci"));
    }

    @Test
    void recordsListByPrefixInKeyOrderPagedAfterAnExclusiveBound() {
        // U+FF21 sorts before U+1F600 by code point (and UTF-8 bytes), though not by Java's UTF-16 compareTo
        List<String> keys = new ArrayList<>(List.of("alice", "ali", "al", "alice/x", "alicf", "b", "a", "alí",
                "ali\uFF21", "ali\uD83D\uDE00", "zz"));
        Collections.shuffle(keys, new Random(3));
        keys.forEach(k -> store.putRecord("members", k, "{\"k\":\"" + k + "\"}", Versioned.ABSENT));
        store.putRecord("users", "alien", "{}", Versioned.ABSENT);

        assertEquals(List.of("a", "al", "ali", "alice", "alice/x", "alicf", "ali\uFF21", "ali\uD83D\uDE00", "alí",
                "b", "zz"), recordKeys("", null, 100));
        assertEquals(List.of("ali", "alice", "alice/x", "alicf", "ali\uFF21", "ali\uD83D\uDE00"),
                recordKeys("ali", null, 100));
        assertEquals(List.of("ali", "alice"), recordKeys("ali", null, 2));
        assertEquals(List.of("alice/x", "alicf"), recordKeys("ali", "alice", 2));
        assertEquals(List.of("ali\uFF21", "ali\uD83D\uDE00"), recordKeys("ali", "alicf", 2));
        assertEquals(List.of(), recordKeys("ali", "ali\uD83D\uDE00", 2));
        assertEquals(List.of("alice", "alice/x"), recordKeys("ali", "alib", 2)); // a bound that is no key
        assertEquals(List.of("ali", "alice"), recordKeys("ali", "a", 2)); // a bound below the prefix
        assertEquals(List.of(), recordKeys("ali", "b", 10)); // a bound above the prefix
        assertEquals(List.of("alice", "alice/x"), recordKeys("alice", null, 10));
        assertEquals(List.of("alice/x"), recordKeys("alice/", null, 10));
        assertEquals(List.of(), recordKeys("alien", null, 10));
        assertEquals(List.of("zz"), recordKeys("", "b", 10));
        StoredRecord first = store.listRecords("members", "ali", null, 1).get(0);
        assertEquals(new StoredRecord("ali", "{\"k\":\"ali\"}", 1), first);
    }

    @Test
    void racingRecordCreatesHaveExactlyOneWinner() throws Exception {
        List<Object> outcomes = Race.run(16, () -> store.putRecord("users", "race",
                "{\"by\":" + Thread.currentThread().threadId() + "}", Versioned.ABSENT));
        assertOneWinner(outcomes);
        assertEquals(1, store.getRecord("users", "race").orElseThrow().version());
    }

    @Test
    void recordInputsAreValidated() {
        for (String kind : new String[] {null, "", "Users", "1users", "_users", "users-x", "users x", "a".repeat(33)}) {
            assertThrows(IllegalArgumentException.class, () -> store.getRecord(kind, "k"), () -> "kind " + kind);
            assertThrows(IllegalArgumentException.class, () -> store.putRecord(kind, "k", "{}", Versioned.ABSENT));
            assertThrows(IllegalArgumentException.class, () -> store.listRecords(kind, "", null, 10));
        }
        String longest = "k".repeat(512);
        assertEquals(1, store.putRecord("a" + "_".repeat(31), longest, "{}", Versioned.ABSENT));
        for (String key : new String[] {null, "", "k".repeat(513), "a\nb", "a\u0000b", "tab\t", "del\u007f",
                "half\uD83D", "\uDE00half"}) {
            assertThrows(IllegalArgumentException.class, () -> store.putRecord("users", key, "{}", Versioned.ABSENT),
                    () -> "key " + key);
            assertThrows(IllegalArgumentException.class, () -> store.getRecord("users", key));
            assertThrows(IllegalArgumentException.class, () -> store.deleteRecord("users", key, Versioned.ABSENT));
        }
        String atLimit = "é".repeat(32 * 1024); // 64 KiB of UTF-8 in 32 Ki characters
        assertEquals(1, store.putRecord("users", "big", atLimit, Versioned.ABSENT));
        assertEquals(atLimit, store.getRecord("users", "big").orElseThrow().document());
        assertThrows(IllegalArgumentException.class, () -> store.putRecord("users", "big", atLimit + "x", 1));
        assertThrows(IllegalArgumentException.class, () -> store.putRecord("users", "null", null, Versioned.ABSENT));
        assertThrows(IllegalArgumentException.class, () -> store.putRecord("users", "bad", "{\"\uD800\"}", Versioned.ABSENT));
        assertThrows(IllegalArgumentException.class, () -> store.listRecords("users", "", null, 0));
        assertThrows(IllegalArgumentException.class, () -> store.listRecords("users", "", null, -1));
        assertThrows(IllegalArgumentException.class, () -> store.listRecords("users", null, null, 10));
        assertThrows(IllegalArgumentException.class, () -> store.listRecords("users", "a\rb", null, 10));
        assertThrows(IllegalArgumentException.class, () -> store.listRecords("users", "", "a\u0001", 10));
        assertThrows(IllegalArgumentException.class, () -> store.putRecord("users", "neg", "{}", -1));
        assertEquals(List.of("big"), store.listRecords("users", "", null, 10).stream().map(StoredRecord::key).toList());
        assertEquals(1, store.getRecord("users", "big").orElseThrow().version());
    }

    // ---- audit log ----

    @Test
    void auditEventsRoundTripNewestFirst() {
        Instant now = now();
        AuditEvent older = audit(now.minusSeconds(2), "n1", "first");
        AuditEvent bare = new AuditEvent(AuditEvent.idFor(now.minusSeconds(1), "n1"), now.minusSeconds(1),
                null, null, null, null, null, null, null, null);
        AuditEvent newest = new AuditEvent(AuditEvent.idFor(now, "n2"), now, "robot$ci", "2001:db8::1", "push",
                "artifact", "library/alpine:latest", "library", "denied", "multi\nline détail 😀");
        store.appendAudit(List.of(bare, newest, older), RETAIN);
        assertEquals(List.of(newest, bare, older), store.listAudit(now.minus(RETAIN), now.plusSeconds(1), null, 10));
        assertEquals(List.of(newest), store.listAudit(now.minus(RETAIN), now.plusSeconds(1), null, 1));
        assertEquals(List.of(), store.listAudit(now.plusSeconds(1), now.plusSeconds(2), null, 10));
    }

    @Test
    void auditListingTakesFromInclusiveAndToExclusive() {
        Instant t = now().minusSeconds(10);
        AuditEvent a = audit(t, "a", "");
        AuditEvent b = audit(t.plusMillis(1), "b", "");
        AuditEvent c = audit(t.plusMillis(2), "c", "");
        store.appendAudit(List.of(a, b, c), RETAIN);
        assertEquals(List.of(b), store.listAudit(t.plusMillis(1), t.plusMillis(2), null, 10));
        assertEquals(List.of(c, b, a), store.listAudit(t, t.plusMillis(3), null, 10));
        assertEquals(List.of(b, a), store.listAudit(t, t.plusNanos(1_500_000), null, 10)); // to between milliseconds
        assertEquals(List.of(c), store.listAudit(t.plusNanos(1_500_000), Instant.MAX, null, 10));
        assertEquals(List.of(c, b, a), store.listAudit(Instant.MIN, Instant.MAX, null, 10));
        assertEquals(List.of(), store.listAudit(t.plusMillis(2), t.plusMillis(2), null, 10));
        assertEquals(List.of(), store.listAudit(t.plusMillis(3), t, null, 10));
        assertEquals(List.of(b, a), store.listAudit(t, t.plusMillis(3), c.id(), 10));
        assertEquals(List.of(c, b, a), store.listAudit(t, t.plusMillis(3), "9", 10)); // a bound above every id
    }

    @Test
    void auditPagesWithBeforeIdAcrossSeveralDays() {
        Instant now = now();
        List<AuditEvent> events = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            for (int hour = 0; hour < 3; hour++) {
                Instant at = now.minus(Duration.ofDays(day)).minus(Duration.ofHours(5 * hour));
                events.add(audit(at, "d" + day + "h" + hour, "day " + day));
                events.add(audit(at, "d" + day + "h" + hour + "-twin", "same millisecond"));
            }
        }
        Collections.shuffle(events, new Random(4));
        store.appendAudit(events, RETAIN);
        Instant from = now.minus(Duration.ofDays(30));
        Instant to = now.plusMillis(1);
        assertEquals(newestFirst(events, from, to), auditPages(from, to, 5));
        Instant midFrom = now.minus(Duration.ofDays(2)).minus(Duration.ofHours(6));
        Instant midTo = now.minus(Duration.ofHours(12));
        List<AuditEvent> middle = newestFirst(events, midFrom, midTo);
        assertTrue(middle.size() >= 4 && middle.size() < events.size(), () -> "middle: " + middle);
        assertEquals(middle, auditPages(midFrom, midTo, 3));
        assertEquals(middle, auditPages(midFrom, midTo, 1));
    }

    @Test
    void reAppendingAnIdReplacesTheEvent() {
        Instant at = now();
        store.appendAudit(List.of(audit(at, "x", "first")), RETAIN);
        AuditEvent second = audit(at, "x", "second");
        store.appendAudit(List.of(second), RETAIN);
        assertEquals(List.of(second), store.listAudit(at, at.plusMillis(1), null, 10));
        AuditEvent last = audit(at, "x", "last of one call");
        store.appendAudit(List.of(audit(at, "x", "earlier in the call"), last), RETAIN);
        assertEquals(List.of(last), store.listAudit(at, at.plusMillis(1), null, 10));
    }

    @Test
    void anEventPastItsRetentionIsNotListed() {
        Instant now = now();
        AuditEvent expired = audit(now.minusSeconds(10), "old", "");
        AuditEvent kept = audit(now.minusSeconds(10), "kept", "");
        AuditEvent forever = audit(now.minus(Duration.ofDays(3650)), "ancient", "");
        store.appendAudit(List.of(expired), Duration.ofSeconds(1));
        store.appendAudit(List.of(kept), Duration.ofMinutes(1));
        store.appendAudit(List.of(forever), ChronoUnit.FOREVER.getDuration()); // counts as 20 years
        assertEquals(List.of(kept, forever), store.listAudit(Instant.EPOCH, now, null, 10));
    }

    @Test
    void anEventIsListedForItsRetentionAndNoLonger() throws InterruptedException {
        Duration retention = Duration.ofSeconds(3);
        Instant at = now();
        AuditEvent brief = audit(at, "brief", "");
        AuditEvent lasting = audit(at, "lasting", "");
        store.appendAudit(List.of(brief), retention);
        store.appendAudit(List.of(lasting), RETAIN);
        Instant deadline = at.plus(retention).plusSeconds(5); // Cassandra's TTLs count in whole seconds
        List<AuditEvent> listed = store.listAudit(at, at.plusMillis(1), null, 10);
        if (Instant.now().isBefore(at.plus(retention))) {
            assertEquals(List.of(lasting, brief), listed);
        }
        while (listed.contains(brief)) {
            if (Instant.now().isAfter(deadline)) {
                fail("an event past its retention of " + retention + " was still listed at " + Instant.now());
            }
            Thread.sleep(200);
            listed = store.listAudit(at, at.plusMillis(1), null, 10);
        }
        assertTrue(Instant.now().isAfter(at.plus(retention)), "listed for less than its retention");
        assertEquals(List.of(lasting), listed);
    }

    @Test
    void fiveHundredEventsGoInOneAppend() {
        Instant now = now();
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(audit(now.minus(Duration.ofMinutes(7L * i)), "pull-" + i, "x".repeat(200)));
        }
        store.appendAudit(events, RETAIN);
        Instant from = now.minus(Duration.ofDays(4));
        List<AuditEvent> expected = newestFirst(events, from, now.plusMillis(1));
        assertEquals(500, expected.size());
        assertEquals(expected, store.listAudit(from, now.plusMillis(1), null, 1000));
        assertEquals(expected, auditPages(from, now.plusMillis(1), 100));
    }

    @Test
    void auditInputsAreValidated() {
        Instant now = now();
        AuditEvent good = audit(now, "good", "");
        assertThrows(IllegalArgumentException.class, () -> store.appendAudit(null, RETAIN));
        assertThrows(IllegalArgumentException.class, () -> store.appendAudit(Collections.singletonList(null), RETAIN));
        for (Duration retention : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThrows(IllegalArgumentException.class, () -> store.appendAudit(List.of(good), retention));
        }
        Instant before1970 = Instant.parse("1969-12-31T23:59:59Z");
        List<AuditEvent> bad = List.of(
                new AuditEvent(AuditEvent.idFor(before1970, "x"), before1970, "", "", "", "", "", "", "", ""),
                audit(now, "control\nchar", ""),
                audit(now, "long".repeat(200), ""),
                audit(now, "huge", "d".repeat(64 * 1024)),
                audit(now, "broken", "\uD800"));
        for (AuditEvent e : bad) {
            // the valid event in the same call is not written either: validation comes before any write
            assertThrows(IllegalArgumentException.class, () -> store.appendAudit(List.of(good, e), RETAIN),
                    () -> "event " + e.id());
        }
        assertThrows(IllegalArgumentException.class, () -> store.listAudit(null, now, null, 10));
        assertThrows(IllegalArgumentException.class, () -> store.listAudit(now, null, null, 10));
        assertThrows(IllegalArgumentException.class, () -> store.listAudit(Instant.EPOCH, now, null, 0));
        assertThrows(IllegalArgumentException.class, () -> store.listAudit(Instant.EPOCH, now, "a\u0000", 10));
        store.appendAudit(List.of(), RETAIN); // nothing to do
        assertEquals(List.of(), store.listAudit(Instant.MIN, Instant.MAX, null, 10));
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

    /** Audit events kept longer than any test runs. */
    protected static final Duration RETAIN = Duration.ofDays(30);

    /** The current time in whole milliseconds, the precision of audit times. */
    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    protected static AuditEvent audit(Instant at, String unique, String detail) {
        return new AuditEvent(AuditEvent.idFor(at, unique), at, "alice", "192.0.2.7", "pull", "artifact",
                "library/alpine:latest", "library", "success", detail);
    }

    /** What listAudit(from, to) must return: the events in [from, to), by id, descending. */
    private static List<AuditEvent> newestFirst(List<AuditEvent> events, Instant from, Instant to) {
        return events.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                .sorted(Comparator.comparing(AuditEvent::id).reversed()).toList();
    }

    /** Every event in [from, to), read page by page, each page continuing below the last id of the one before. */
    private List<AuditEvent> auditPages(Instant from, Instant to, int pageSize) {
        List<AuditEvent> all = new ArrayList<>();
        String before = null;
        for (int pages = 0; pages < 10_000; pages++) {
            List<AuditEvent> page = store.listAudit(from, to, before, pageSize);
            assertTrue(page.size() <= pageSize, () -> "a page of " + page.size());
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            before = page.get(page.size() - 1).id();
        }
        throw new AssertionError("paging did not end");
    }

    private List<String> recordKeys(String prefix, String after, int limit) {
        List<StoredRecord> page = store.listRecords("members", prefix, after, limit);
        return page.stream().map(StoredRecord::key).toList();
    }

    private static List<RepositoryName> repos(String... names) {
        return java.util.Arrays.stream(names).map(RepositoryName::parse).toList();
    }

    private static List<String> ids(List<UploadRecord> uploads) {
        return uploads.stream().map(UploadRecord::id).toList();
    }
}
