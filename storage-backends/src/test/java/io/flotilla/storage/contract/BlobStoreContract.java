package io.flotilla.storage.contract;

import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.Piece;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static io.flotilla.storage.contract.TestStreams.failingAfter;
import static io.flotilla.storage.contract.TestStreams.trickle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link BlobStore} backend must pass, against its real server. A backend adopts it by
 * extending this class and implementing {@link #createStore}; see {@code FsBlobStoreTest}.
 */
public abstract class BlobStoreContract {

    /** A private directory for this test; backends that keep no files may ignore it. */
    @TempDir
    protected Path scratch;

    protected BlobStore store;

    /**
     * Returns a store that is empty and that no other test shares (a fresh directory, bucket prefix or
     * pool namespace). Called before each test.
     */
    protected abstract BlobStore createStore(Path scratch) throws Exception;

    /** Closes the store and removes what the test left in it. Called after each test. */
    protected void destroyStore(BlobStore store) throws Exception {
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

    // ---- put ----

    @Test
    void putStoresBytesUnderTheirContentAddress() throws IOException {
        byte[] content = bytes(10_000, 1);
        Digest digest = Digest.sha256(content);
        Piece piece = store.put(digest, new ByteArrayInputStream(content));
        assertEquals(new Piece("blobs/sha256/" + digest.hex(), content.length), piece);
        assertArrayEquals(content, read(piece));
        assertEquals(OptionalLong.of(content.length), store.stat(piece.key()));
    }

    @Test
    void putStoresAnEmptyBlob() throws IOException {
        Piece piece = store.put(Digest.sha256(new byte[0]), InputStream.nullInputStream());
        assertEquals(0, piece.length());
        assertArrayEquals(new byte[0], read(piece));
    }

    @Test
    void putVerifiesSha512() throws IOException {
        byte[] content = bytes(5_000, 2);
        Digest digest = Digest.compute(DigestAlgorithm.SHA512, content);
        Piece piece = store.put(digest, new ByteArrayInputStream(content));
        assertEquals("blobs/sha512/" + digest.hex(), piece.key());
        assertArrayEquals(content, read(piece));
    }

    @Test
    void putTakesManyBatchesFromATricklingStream() throws IOException {
        byte[] content = bytes(3 * 1024 * 1024 + 123, 3);
        Piece piece = store.put(Digest.sha256(content), trickle(content));
        assertEquals(content.length, piece.length());
        assertArrayEquals(content, read(piece));
    }

    @Test
    void putOfAStoredDigestKeepsOneReadableCopy() throws IOException {
        byte[] content = bytes(4_000, 4);
        Digest digest = Digest.sha256(content);
        Piece first = store.put(digest, new ByteArrayInputStream(content));
        Piece second = store.put(digest, new ByteArrayInputStream(content));
        assertEquals(first, second);
        assertArrayEquals(content, read(second));
    }

    @Test
    void putWithWrongDigestLeavesNothing() throws IOException {
        byte[] content = bytes(4_000, 5);
        Digest claimed = Digest.sha256(bytes(10, 6));
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> store.put(claimed, new ByteArrayInputStream(content)));
        assertEquals(claimed, e.expected());
        assertEquals(Digest.sha256(content), e.actual());
        assertEquals(OptionalLong.empty(), store.stat("blobs/sha256/" + claimed.hex()));
    }

    @Test
    void putWithWrongContentForAStoredDigestKeepsTheOriginal() throws IOException {
        byte[] content = bytes(4_000, 7);
        Digest digest = Digest.sha256(content);
        Piece piece = store.put(digest, new ByteArrayInputStream(content));
        assertThrows(DigestMismatchException.class, () -> store.put(digest, new ByteArrayInputStream(bytes(4_000, 8))));
        assertArrayEquals(content, read(piece));
    }

    @Test
    void putFromABrokenStreamLeavesNothing() {
        byte[] content = bytes(2 * 1024 * 1024, 9);
        Digest digest = Digest.sha256(content);
        assertThrows(IOException.class, () -> store.put(digest, failingAfter(content, 1_500_000)));
        assertDoesNotHold("blobs/sha256/" + digest.hex());
    }

    @Test
    void concurrentPutsOfOneDigestAllSucceed() throws Exception {
        byte[] content = bytes(1024 * 1024 + 17, 10);
        Digest digest = Digest.sha256(content);
        List<Object> outcomes = Race.run(8, () -> store.put(digest, trickle(content)));
        outcomes.forEach(o -> assertInstanceOf(Piece.class, o, () -> "racer failed: " + o));
        assertArrayEquals(content, read((Piece) outcomes.get(0)));
    }

    // ---- stage ----

    @Test
    void stageGivesFreshKeysUnderTheUploadPrefix() throws IOException {
        Piece a = store.stage("up-1", new ByteArrayInputStream(bytes(100, 11)));
        Piece b = store.stage("up-1", new ByteArrayInputStream(bytes(100, 11)));
        assertNotEquals(a.key(), b.key());
        assertTrue(a.key().startsWith("uploads/up-1/"), a.key());
        assertTrue(b.key().startsWith("uploads/up-1/"), b.key());
    }

    @Test
    void stagedPiecesAreReadableAtOnce() throws IOException {
        byte[] first = bytes(1024 * 1024 + 5, 12);
        byte[] second = bytes(777, 13);
        Piece a = store.stage("up-2", trickle(first));
        Piece b = store.stage("up-2", trickle(second));
        assertEquals(first.length, a.length());
        assertArrayEquals(first, read(a));
        assertArrayEquals(second, read(b));
        assertEquals(OptionalLong.of(second.length), store.stat(b.key()));
    }

    @Test
    void stagingAnEmptyStreamGivesAnEmptyPiece() throws IOException {
        Piece piece = store.stage("up-3", InputStream.nullInputStream());
        assertEquals(0, piece.length());
        assertArrayEquals(new byte[0], read(piece));
    }

    @Test
    void concurrentStagesGiveDistinctReadablePieces() throws Exception {
        int racers = 12;
        List<Object> outcomes = Race.run(racers, () -> {
            byte[] content = bytes(50_000, Thread.currentThread().threadId());
            Piece p = store.stage("up-4", new ByteArrayInputStream(content));
            assertArrayEquals(content, read(p));
            return p.key();
        });
        outcomes.forEach(o -> assertInstanceOf(String.class, o, () -> "racer failed: " + o));
        assertEquals(racers, new HashSet<>(outcomes).size());
    }

    // ---- open ----

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({"0, 10000", "0, 1", "1, 9999", "4096, 100", "9999, 1", "10000, 0", "3000, 0"})
    void openReadsExactlyTheRangeAskedFor(long offset, long length) throws IOException {
        byte[] content = bytes(10_000, 14);
        Piece piece = store.stage("up-5", new ByteArrayInputStream(content));
        try (InputStream in = store.open(piece, offset, length)) {
            byte[] got = in.readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(content, (int) offset, (int) (offset + length)), got);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void openSupportsSingleByteReads() throws IOException {
        byte[] content = bytes(300, 15);
        Piece piece = store.stage("up-6", new ByteArrayInputStream(content));
        try (InputStream in = store.open(piece, 100, 50)) {
            for (int i = 100; i < 150; i++) {
                assertEquals(content[i] & 0xFF, in.read());
            }
            assertEquals(-1, in.read());
        }
    }

    @Test
    void readingPastTheEndOfAPieceFails() throws IOException {
        byte[] content = bytes(1_000, 16);
        Piece piece = store.stage("up-7", new ByteArrayInputStream(content));
        Piece overstated = new Piece(piece.key(), 2_000);
        assertThrows(IOException.class, () -> {
            try (InputStream in = store.open(overstated, 500, 1_000)) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void openingAMissingPieceRaisesNoSuchObject() {
        assertDoesNotHold("uploads/nobody/0000000000000000001-000000000000");
        assertDoesNotHold("blobs/sha256/" + Digest.sha256(bytes(5, 17)).hex());
    }

    // ---- stat and delete ----

    @Test
    void statReportsSizeOrNothing() throws IOException {
        Piece piece = store.stage("up-8", new ByteArrayInputStream(bytes(1234, 18)));
        assertEquals(OptionalLong.of(1234), store.stat(piece.key()));
        assertEquals(OptionalLong.empty(), store.stat("uploads/up-8/0000000000000000001-000000000000"));
        assertEquals(OptionalLong.empty(), store.stat("blobs/sha256/" + Digest.sha256(bytes(5, 19)).hex()));
    }

    @Test
    void deleteRemovesBlobsAndPiecesAndIgnoresMissingKeys() throws IOException {
        byte[] content = bytes(2_000, 20);
        Piece blob = store.put(Digest.sha256(content), new ByteArrayInputStream(content));
        Piece staged = store.stage("up-9", new ByteArrayInputStream(content));
        Piece kept = store.stage("up-9", new ByteArrayInputStream(content));
        store.delete(List.of(blob.key(), staged.key(), "blobs/sha256/" + Digest.sha256(bytes(3, 21)).hex()));
        assertDoesNotHold(blob.key());
        assertDoesNotHold(staged.key());
        assertArrayEquals(content, read(kept));
        store.delete(List.of(blob.key(), staged.key())); // again: still not an error
        store.delete(List.of());
    }

    // ---- abort and cleanup ----

    @Test
    void abortStagingRemovesEveryPieceOfThatUploadOnly() throws IOException {
        Piece a = store.stage("up-10", new ByteArrayInputStream(bytes(100, 22)));
        Piece b = store.stage("up-10", new ByteArrayInputStream(bytes(100, 23)));
        Piece other = store.stage("up-11", new ByteArrayInputStream(bytes(100, 24)));
        store.abortStaging("up-10");
        assertDoesNotHold(a.key());
        assertDoesNotHold(b.key());
        assertEquals(OptionalLong.of(100), store.stat(other.key()));
    }

    @Test
    void abortStagingIsIdempotent() throws IOException {
        store.stage("up-12", new ByteArrayInputStream(bytes(100, 25)));
        store.abortStaging("up-12");
        store.abortStaging("up-12");
        store.abortStaging("never-staged");
        assertFalse(store.stagedUploadsOlderThan(Instant.now().plus(Duration.ofMinutes(5))).contains("up-12"));
    }

    @Test
    void stagedUploadsOlderThanListsUploadsWrittenBeforeTheCutoff() throws IOException {
        store.stage("up-13", new ByteArrayInputStream(bytes(100, 26)));
        store.stage("up-14", InputStream.nullInputStream());
        Set<String> old = new HashSet<>(store.stagedUploadsOlderThan(Instant.now().plus(Duration.ofMinutes(5))));
        assertTrue(old.containsAll(Set.of("up-13", "up-14")), old::toString);
        List<String> none = store.stagedUploadsOlderThan(Instant.now().minus(Duration.ofHours(1)));
        assertFalse(none.contains("up-13"), none::toString);
        assertFalse(none.contains("up-14"), none::toString);
    }

    // ---- helpers ----

    /** Reads a whole piece through the store under test. */
    protected byte[] read(Piece piece) throws IOException {
        try (InputStream in = store.open(piece, 0, piece.length())) {
            return in.readAllBytes();
        }
    }

    /** The key holds nothing: stat says so, and a read raises NoSuchObjectException, at open or first read. */
    protected void assertDoesNotHold(String key) {
        assertDoesNotThrow(() -> assertEquals(OptionalLong.empty(), store.stat(key)));
        assertThrows(NoSuchObjectException.class, () -> {
            try (InputStream in = store.open(new Piece(key, 1), 0, 1)) {
                in.read();
            }
        });
    }
}
