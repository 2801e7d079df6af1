package io.flotilla.storage.fs;

import io.flotilla.model.Digest;
import io.flotilla.storage.contract.BlobStoreContract;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.Piece;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FsBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore createStore(Path scratch) throws IOException {
        return new FsBlobStore(scratch.resolve("blobs-root"));
    }

    private Path root() {
        return scratch.resolve("blobs-root");
    }

    @Test
    void blobsAreShardedOnDiskButKeyedFlat() throws IOException {
        byte[] content = bytes(100, 1);
        Digest digest = Digest.sha256(content);
        Piece piece = store.put(digest, new ByteArrayInputStream(content));
        assertEquals("blobs/sha256/" + digest.hex(), piece.key());
        assertTrue(Files.isRegularFile(root().resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex())));
        // the sharded path is not a key of its own, so keys cannot alias each other
        assertEquals(OptionalLong.empty(), store.stat("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex()));
    }

    @Test
    void noTempFileOutlivesAPut() throws IOException {
        byte[] content = bytes(100, 2);
        store.put(Digest.sha256(content), new ByteArrayInputStream(content));
        assertThrows(DigestMismatchException.class,
                () -> store.put(Digest.sha256(bytes(1, 3)), new ByteArrayInputStream(content)));
        try (Stream<Path> temps = Files.list(root().resolve("tmp"))) {
            assertEquals(0, temps.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "/etc/passwd", "blobs//sha256", "blobs/./x", "uploads/a/..", "a\\b", "",
            "blobs/sha256/ab cd", "uploads/x/y\u0000"})
    void keysThatCouldEscapeTheRootAreRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.stat(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(List.of(key)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "a.b", "", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badUploadIdsAreRejected(String uploadId) {
        assertThrows(IllegalArgumentException.class, () -> store.stage(uploadId, new ByteArrayInputStream(new byte[1])));
        assertThrows(IllegalArgumentException.class, () -> store.abortStaging(uploadId));
    }

    @Test
    void wellFormedKeysOutsideTheLayoutHoldNothing() throws IOException {
        assertEquals(OptionalLong.empty(), store.stat("tmp/whatever"));
        assertEquals(OptionalLong.empty(), store.stat("blobs"));
        assertDoesNotHold("other/thing/here");
    }

    @Test
    void aTornPieceFromACrashIsListedForCleanupAndRemovedByAbort() throws IOException {
        Path upload = root().resolve("uploads/crashed");
        Files.createDirectories(upload);
        Path torn = Files.write(upload.resolve("0000000000000000001-000000000000"), bytes(10, 4));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        Files.setLastModifiedTime(torn, old);
        Files.setLastModifiedTime(upload, old);
        assertEquals(List.of("crashed"), store.stagedUploadsOlderThan(Instant.now().minus(Duration.ofHours(1))));
        store.abortStaging("crashed");
        assertFalse(Files.exists(upload));
    }

    @Test
    void aFailedStageLeavesNoPieceFile() {
        byte[] content = bytes(3 * 1024 * 1024, 5);
        assertThrows(IOException.class, () -> store.stage("broken", io.flotilla.storage.contract.TestStreams.failingAfter(content, 1_200_000)));
        try (Stream<Path> pieces = Files.list(root().resolve("uploads/broken"))) {
            assertEquals(0, pieces.count());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void staleTempFilesAreSweptAtStartup() throws IOException {
        Path stale = Files.write(root().resolve("tmp/put-stale"), bytes(10, 6));
        Path fresh = Files.write(root().resolve("tmp/put-fresh"), bytes(10, 7));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        new FsBlobStore(root()).close();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void blobsSurviveReopening() throws IOException {
        byte[] content = bytes(1000, 8);
        Piece piece = store.put(Digest.sha256(content), new ByteArrayInputStream(content));
        Piece staged = store.stage("kept", new ByteArrayInputStream(content));
        store.close();
        store = new FsBlobStore(root());
        assertArrayEquals(content, read(piece));
        assertArrayEquals(content, read(staged));
    }
}
