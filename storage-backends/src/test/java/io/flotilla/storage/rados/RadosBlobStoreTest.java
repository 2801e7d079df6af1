package io.flotilla.storage.rados;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.contract.BlobStoreContract;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.StorageUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static io.flotilla.storage.contract.TestStreams.failingAfter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract kit against the real Ceph of {@code deploy/local/services.sh up ceph}, each test in a fresh
 * RADOS namespace, plus what is particular to RADOS: chunking past the 128 MiB object cap (a 1 GiB blob put
 * and staged), clean-up of what a crash leaves, no leftover objects, and an unreachable cluster.
 */
class RadosBlobStoreTest extends BlobStoreContract {
    private static final long GIB = 1L << 30;

    private static RadosConfig base;
    /** A second connection, to look at and clean up the objects a store leaves in its namespace. */
    private static Rados inspector;

    private String namespace;

    @BeforeAll
    static void connect() throws Exception {
        base = CephEnvironment.radosConfig();
        try {
            RadosBlobStore.open(base.withNamespace("probe").withTimeout(Duration.ofSeconds(10))).close();
        } catch (StorageUnavailableException e) {
            fail("Ceph does not answer (" + e.getMessage() + "); " + CephEnvironment.HOW_TO_START, e);
        }
        inspector = new Rados("ceph", base.user(), 0);
        inspector.confReadFile(base.conf().toFile());
        inspector.confSet("keyring", base.keyring().toString());
        inspector.connect();
    }

    @AfterAll
    static void disconnect() {
        if (inspector != null) {
            inspector.shutDown();
        }
    }

    @Override
    protected BlobStore createStore(Path scratch) throws IOException {
        namespace = "test-" + UUID.randomUUID();
        return RadosBlobStore.open(base.withNamespace(namespace));
    }

    @Override
    protected void destroyStore(BlobStore store) throws Exception {
        store.close();
        try (IoCTX io = inspector.ioCtxCreate(base.pool())) {
            io.setNamespace(namespace);
            for (String oid : io.listObjects()) {
                io.remove(oid);
            }
        }
    }

    /** The objects in this test's namespace. */
    private Set<String> objects() throws IOException {
        try (IoCTX io = inspector.ioCtxCreate(base.pool())) {
            io.setNamespace(namespace);
            return new TreeSet<>(Arrays.asList(io.listObjects()));
        }
    }

    /** Objects other than the (possibly empty) index shards. */
    private Set<String> dataObjects() throws IOException {
        Set<String> all = objects();
        all.removeIf(oid -> oid.startsWith("index:"));
        return all;
    }

    // ---- large blobs ----

    @Test
    void aOneGibBlobIsPutStagedAndReadBackExactly() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] expected = GeneratedStream.digest(GIB, sha);
        Digest digest = new Digest(DigestAlgorithm.SHA256, HexFormat.of().formatHex(expected));

        long t0 = System.nanoTime();
        Piece put = store.put(digest, new GeneratedStream(GIB));
        long t1 = System.nanoTime();
        assertEquals(new Piece("blobs/sha256/" + digest.hex(), GIB), put);
        assertArrayEquals(expected, readDigest(put));
        long t2 = System.nanoTime();
        Piece staged = store.stage("big", new GeneratedStream(GIB));
        long t3 = System.nanoTime();
        assertEquals(GIB, staged.length());
        assertArrayEquals(expected, readDigest(staged));
        long t4 = System.nanoTime();
        System.out.printf("RADOS 1 GiB: put %.0f MB/s, get %.0f MB/s, stage %.0f MB/s, get staged %.0f MB/s%n",
                mbps(t1 - t0), mbps(t2 - t1), mbps(t3 - t2), mbps(t4 - t3));

        // 16 chunk objects each, of 64 MiB: under RADOS' cap of 128 MiB per object.
        Set<String> data = dataObjects();
        assertEquals(16, data.stream().filter(o -> o.startsWith("data/")).count(), data::toString);
        assertEquals(16, data.stream().filter(o -> o.startsWith(staged.key() + ":")).count(), data::toString);
        // A range across the boundary of the first and second chunk.
        long offset = Head.CHUNK_SIZE - 1000;
        try (InputStream in = store.open(put, offset, 5000)) {
            assertArrayEquals(GeneratedStream.slice(offset, 5000), in.readAllBytes());
        }
        // The last bytes, and a range longer than the blob.
        try (InputStream in = store.open(staged, GIB - 10, 10)) {
            assertArrayEquals(GeneratedStream.slice(GIB - 10, 10), in.readAllBytes());
        }
        assertThrows(IOException.class, () -> store.open(staged, GIB - 10, 11).readAllBytes());

        store.delete(List.of(put.key(), staged.key()));
        assertEquals(Set.of(), dataObjects());
    }

    private byte[] readDigest(Piece piece) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = store.open(piece, 0, piece.length())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    private static double mbps(long nanos) {
        return GIB / 1e6 / (nanos / 1e9);
    }

    @Test
    void aBlobJustPastOneChunkSplitsIntoTwo() throws IOException {
        long size = Head.CHUNK_SIZE + 3;
        byte[] all = GeneratedStream.slice(0, (int) size);
        Digest digest = Digest.sha256(all);
        Piece piece = store.put(digest, new ByteArrayInputStream(all));
        assertEquals(size, piece.length());
        try (InputStream in = store.open(piece, 0, size)) {
            assertArrayEquals(all, in.readAllBytes());
        }
        Set<String> data = dataObjects();
        assertEquals(3, data.size(), data::toString); // the head and two chunks
        assertTrue(data.stream().anyMatch(o -> o.endsWith(":000001")), data::toString);
    }

    // ---- what failures leave behind ----

    @Test
    void failedOrRejectedPutsLeaveNoObjects() throws IOException {
        byte[] content = bytes(9 * 1024 * 1024, 1);
        Digest digest = Digest.sha256(content);
        assertThrows(IOException.class, () -> store.put(digest, failingAfter(content, 6 * 1024 * 1024)));
        assertThrows(DigestMismatchException.class,
                () -> store.put(Digest.sha256(bytes(1, 2)), new ByteArrayInputStream(content)));
        assertEquals(Set.of(), dataObjects());
        assertEquals(OptionalLong.empty(), store.stat("blobs/sha256/" + digest.hex()));
    }

    @Test
    void deleteAndAbortLeaveNoObjects() throws IOException {
        byte[] big = bytes(5 * 1024 * 1024, 3);
        Piece blob = store.put(Digest.sha256(big), new ByteArrayInputStream(big));
        Piece small = store.put(Digest.sha256(bytes(10, 4)), new ByteArrayInputStream(bytes(10, 4)));
        store.stage("gone", new ByteArrayInputStream(big));
        store.stage("gone", new ByteArrayInputStream(bytes(10, 5)));
        Piece staged = store.stage("deleted", new ByteArrayInputStream(big));
        assertFalse(dataObjects().isEmpty());
        store.delete(List.of(blob.key(), small.key(), staged.key()));
        store.abortStaging("gone");
        assertEquals(Set.of(), dataObjects());
        assertEquals(List.of(), store.stagedUploadsOlderThan(Instant.now().plusSeconds(60)));
    }

    @Test
    void aStageTornByACrashIsListedAndAborted() throws Exception {
        // What a node that died mid-stage leaves: the upload's record and a chunk, but no head.
        RadosBlobStore rados = (RadosBlobStore) store;
        Piece done = store.stage("torn", new ByteArrayInputStream(bytes(5 * 1024 * 1024, 6)));
        String tornKey = "uploads/torn/0000000000000000001-000000000000";
        try (IoCTX io = inspector.ioCtxCreate(base.pool())) {
            io.setNamespace(namespace);
            io.write(tornKey + ":000000", bytes(1000, 7), 0);
        }
        rados.stagingIndex().put("torn", "torn/0000000000000000001-000000000000", "1000 ?");
        assertEquals(List.of("torn"), store.stagedUploadsOlderThan(Instant.now().plusSeconds(60)));
        assertEquals(OptionalLong.empty(), store.stat(tornKey));
        store.abortStaging("torn");
        assertEquals(Set.of(), dataObjects());
        assertDoesNotHold(done.key());
    }

    @Test
    void theSweepRemovesDataOfAPutThatDiedAndKeepsCommittedData() throws Exception {
        RadosBlobStore rados = (RadosBlobStore) store;
        byte[] big = bytes(5 * 1024 * 1024, 8);
        Piece kept = store.put(Digest.sha256(big), new ByteArrayInputStream(big));
        String chunk = objects().stream().filter(o -> o.startsWith("data/")).findFirst().orElseThrow();
        String keptPrefix = chunk.substring(0, chunk.indexOf(':'));
        // A put that died after writing a chunk, and a record its successful twin failed to remove.
        try (IoCTX io = inspector.ioCtxCreate(base.pool())) {
            io.setNamespace(namespace);
            io.write("data/dead:000000", bytes(100, 9), 0);
        }
        String nobody = "blobs/sha256/" + Digest.sha256(bytes(3, 1)).hex();
        rados.orphanIndex().put("data/dead", "data/dead", "1000 " + nobody + " ?");
        rados.orphanIndex().put(keptPrefix, keptPrefix, "1000 " + kept.key() + " ?");
        rados.sweepOrphans(Instant.now());
        assertEquals(Set.of(kept.key(), keptPrefix + ":000000"), dataObjects());
        assertArrayEquals(big, read(kept));
        assertEquals(List.of(), rados.orphanIndex().listAll());
    }

    // ---- layout ----

    @Test
    void smallPiecesLiveInTheirHeadAndLargeOnesInChunks() throws IOException {
        Piece small = store.stage("layout", new ByteArrayInputStream(bytes(Head.INLINE_MAX, 10)));
        Piece large = store.stage("layout", new ByteArrayInputStream(bytes(Head.INLINE_MAX + 1, 11)));
        assertEquals(Set.of(small.key(), large.key(), large.key() + ":000000"), dataObjects());
    }

    @Test
    void keysOutsideTheLayoutHoldNothing() throws IOException {
        byte[] big = bytes(5 * 1024 * 1024, 12);
        Piece piece = store.stage("shape", new ByteArrayInputStream(big));
        assertEquals(OptionalLong.empty(), store.stat("data/whatever"));
        assertEquals(OptionalLong.empty(), store.stat("blobs/md5/abc"));
        assertThrows(IllegalArgumentException.class, () -> store.stat(piece.key() + ":000000"));
        assertDoesNotHold("other/thing/here");
    }

    @Test
    void blobsSurviveReopening() throws IOException {
        byte[] content = bytes(5 * 1024 * 1024, 13);
        Piece piece = store.put(Digest.sha256(content), new ByteArrayInputStream(content));
        Piece staged = store.stage("kept", new ByteArrayInputStream(content));
        store.close();
        store = RadosBlobStore.open(base.withNamespace(namespace));
        assertArrayEquals(content, read(piece));
        assertArrayEquals(content, read(staged));
    }

    // ---- an unreachable cluster ----

    @Test
    void anUnreachableClusterIsReportedAsUnavailableWithinTheTimeout(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path conf = dir.resolve("ceph.conf");
        // A monitor address nothing listens on.
        Files.writeString(conf, "[global]\nmon_host = [v2:127.0.0.1:1,v1:127.0.0.1:2]\n");
        RadosConfig nowhere = base.withTimeout(Duration.ofSeconds(2));
        RadosConfig config = new RadosConfig(conf, nowhere.keyring(), nowhere.user(), nowhere.pool(), "x",
                nowhere.timeout());
        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(StorageUnavailableException.class, () -> RadosBlobStore.open(config)));
    }
}
