package io.flotilla.storage.s3;

import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.contract.TestStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spool on its own, no server needed: heap first, then a file; re-readable; reusable part after part. */
class PartSpoolTest {
    @TempDir
    Path dir;

    @Test
    void aSmallPartStaysOnTheHeapAndReadsBackTwice() throws IOException {
        byte[] content = bytes(200_000, 1);
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        try (PartSpool spool = new PartSpool(1 << 20, dir)) {
            assertEquals(content.length, spool.fill(TestStreams.trickle(content), 5L << 20, md));
            assertEquals(0, files());
            assertArrayEquals(content, body(spool)); // once to sign,
            assertArrayEquals(content, body(spool)); // once to send
        }
        assertArrayEquals(DigestAlgorithm.SHA256.newMessageDigest().digest(content), md.digest());
    }

    @Test
    void aLargePartSpillsToAFileThatCloseRemoves() throws IOException {
        byte[] content = bytes(3 << 20, 2);
        try (PartSpool spool = new PartSpool(1 << 20, dir)) {
            assertEquals(content.length, spool.fill(new ByteArrayInputStream(content), 5L << 20, null));
            assertEquals(1, files());
            assertArrayEquals(content, body(spool));
        }
        assertEquals(0, files());
    }

    @Test
    void fillStopsAtTheLimitAndResetStartsTheNextPart() throws IOException {
        byte[] content = bytes((5 << 20) + 123, 3);
        InputStream in = new ByteArrayInputStream(content);
        try (PartSpool spool = new PartSpool(0, dir)) {
            assertEquals(2 << 20, spool.fill(in, 2 << 20, null));
            assertArrayEquals(Arrays.copyOfRange(content, 0, 2 << 20), body(spool));
            spool.reset();
            assertEquals(2 << 20, spool.fill(in, 2 << 20, null));
            assertArrayEquals(Arrays.copyOfRange(content, 2 << 20, 4 << 20), body(spool));
            spool.reset();
            assertEquals((1 << 20) + 123, spool.fill(in, 2 << 20, null));
            assertArrayEquals(Arrays.copyOfRange(content, 4 << 20, content.length), body(spool));
            spool.reset();
            assertEquals(0, spool.fill(in, 2 << 20, null));
            assertEquals(0, spool.size());
        }
    }

    @Test
    void sweepRemovesOnlyOldSpoolFiles() throws IOException {
        Path old = Files.createFile(dir.resolve(PartSpool.FILE_PREFIX + "old.tmp"));
        Path fresh = Files.createFile(dir.resolve(PartSpool.FILE_PREFIX + "fresh.tmp"));
        Path other = Files.createFile(dir.resolve("unrelated.tmp"));
        FileTime dayAgo = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        Files.setLastModifiedTime(old, dayAgo);
        Files.setLastModifiedTime(other, dayAgo);
        PartSpool.sweep(dir, Instant.now().minus(Duration.ofHours(1)));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
    }

    private static byte[] body(PartSpool spool) throws IOException {
        assertEquals(spool.size(), spool.body().contentLength());
        try (InputStream in = spool.body().contentStreamProvider().newStream()) {
            return in.readAllBytes();
        }
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
