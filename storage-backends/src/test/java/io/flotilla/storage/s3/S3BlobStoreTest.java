package io.flotilla.storage.s3;

import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.contract.BlobStoreContract;
import io.flotilla.storage.contract.TestStreams;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.StorageUnavailableException;
import io.flotilla.storage.support.Batches;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The blob contract on a real S3 server (RGW in CI), in a bucket of its own that is deleted at the end.
 * Each test gets its own key prefix in that bucket. An unreachable server fails the class: it never skips.
 */
class S3BlobStoreTest extends BlobStoreContract {
    private static final long MIB = S3Settings.MIB;
    private static S3Settings shared;
    private static S3Client admin;

    /** The settings of the store under test: this test's key prefix in the class's bucket. */
    private S3Settings settings;

    @BeforeAll
    static void createBucket() throws IOException {
        Map<String, String> env = S3TestEnvironment.load();
        String prefix = env.getOrDefault(S3Settings.ENV_BUCKET_PREFIX, "flotilla-test").toLowerCase();
        String bucket = prefix + (prefix.endsWith("-") ? "" : "-") + "test-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try {
            shared = S3Settings.fromEnvironment(env, bucket);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e.getMessage() + "; " + S3TestEnvironment.HOW_TO_START, e);
        }
        try (S3BlobStore store = new S3BlobStore(shared)) {
            assertTrue(store.createBucketIfMissing(), "bucket " + bucket + " already existed");
        } catch (StorageUnavailableException e) {
            fail("S3 at " + shared.endpoint() + " is unreachable (" + e.getMessage() + "); "
                    + S3TestEnvironment.HOW_TO_START, e);
        }
        admin = S3Clients.build(shared);
    }

    @AfterAll
    static void deleteBucket() {
        if (admin == null) {
            return;
        }
        try {
            purge("");
            admin.deleteBucket(b -> b.bucket(shared.bucket()));
        } finally {
            admin.close();
        }
    }

    @Override
    protected BlobStore createStore(Path scratch) throws IOException {
        settings = shared.withKeyPrefix("case-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "/");
        return new S3BlobStore(settings);
    }

    @Override
    protected void destroyStore(BlobStore store) throws Exception {
        store.close();
        purge(settings.keyPrefix()); // large tests would otherwise pile up gigabytes until the bucket goes
    }

    /** A store on this test's prefix whose parts are S3's smallest, so multipart paths run on small data. */
    private S3BlobStore smallParts() throws IOException {
        return new S3BlobStore(settings.withParts(S3Settings.MIN_PART_SIZE, (int) MIB, scratch));
    }

    // ---- large blobs ----

    @Test
    void aGibibyteStagedAsMultipartReadsBackIntact() throws IOException {
        long size = 1024 * MIB;
        MessageDigest sent = DigestAlgorithm.SHA256.newMessageDigest();
        long t0 = System.nanoTime();
        Piece piece;
        try (InputStream in = new DigestInputStream(new PatternStream(size), sent)) {
            piece = store.stage("big", in);
        }
        long t1 = System.nanoTime();
        assertEquals(size, piece.length());
        assertEquals(OptionalLong.of(size), store.stat(piece.key()));

        MessageDigest received = DigestAlgorithm.SHA256.newMessageDigest();
        long read;
        try (InputStream in = store.open(piece, 0, size)) {
            read = Batches.pump(in, (batch, n) -> received.update(batch, 0, n));
        }
        long t2 = System.nanoTime();
        assertEquals(size, read);
        assertArrayEquals(sent.digest(), received.digest(), "the blob read back differs from the one staged");
        System.out.printf("S3 1 GiB (%s, part %d MiB): stage %.1f s = %.0f MB/s; read + SHA-256 %.1f s = %.0f MB/s%n",
                shared.endpoint(), shared.partSize() / MIB, (t1 - t0) / 1e9, size / ((t1 - t0) / 1e3),
                (t2 - t1) / 1e9, size / ((t2 - t1) / 1e3));

        // a range across the boundary of the first two parts
        long at = shared.partSize() - 100;
        try (InputStream in = store.open(piece, at, 300)) {
            byte[] got = in.readAllBytes();
            for (int i = 0; i < got.length; i++) {
                assertEquals(PatternStream.byteAt(at + i), got[i], "byte " + (at + i));
            }
        }
    }

    @Test
    void aMultipartStageOfSeveralPartsReadsBackAndLeavesNoUpload() throws IOException {
        byte[] content = bytes((int) (12 * MIB + 77), 30);
        try (S3BlobStore small = smallParts()) {
            Piece piece = small.stage("parts", TestStreams.trickle(content));
            assertArrayEquals(content, read(piece));
        }
        assertEquals(List.of(), multipartUploads());
        assertNoSpoolFiles();
    }

    @Test
    void aStageOfExactlyOnePartIsReadable() throws IOException {
        byte[] content = bytes((int) S3Settings.MIN_PART_SIZE, 31);
        try (S3BlobStore small = smallParts()) {
            Piece piece = small.stage("exact", new ByteArrayInputStream(content));
            assertArrayEquals(content, read(piece));
        }
    }

    @Test
    void aFailedMultipartStageLeavesNeitherObjectNorUpload() throws IOException {
        byte[] content = bytes((int) (12 * MIB), 32);
        try (S3BlobStore small = smallParts()) {
            assertThrows(IOException.class, () -> small.stage("broken", TestStreams.failingAfter(content, (int) (11 * MIB))));
        }
        assertEquals(List.of(), keys("uploads/broken/"));
        assertEquals(List.of(), multipartUploads());
        assertNoSpoolFiles();
    }

    @Test
    void aLargePutIsVerifiedBeforeItBecomesVisible() throws IOException {
        byte[] content = bytes((int) (11 * MIB + 5), 33);
        Digest right = Digest.sha256(content);
        Digest wrong = Digest.sha256(bytes(3, 34));
        try (S3BlobStore small = smallParts()) {
            assertThrows(DigestMismatchException.class, () -> small.put(wrong, new ByteArrayInputStream(content)));
            assertDoesNotHold("blobs/sha256/" + wrong.hex());
            assertEquals(List.of(), multipartUploads());

            Piece piece = small.put(right, TestStreams.trickle(content));
            assertEquals(new Piece("blobs/sha256/" + right.hex(), content.length), piece);
            assertArrayEquals(content, read(piece));
        }
        assertNoSpoolFiles();
    }

    // ---- cleanup ----

    @Test
    void orphanedMultipartUploadsAreAbortedByCleanup() throws IOException {
        String staged = orphan("uploads/crashed/0000000000000000001-000000000000");
        String blob = orphan("blobs/sha256/" + Digest.sha256(bytes(8, 35)).hex());
        assertEquals(2, multipartUploads().size());

        S3BlobStore s3 = (S3BlobStore) store;
        assertTrue(s3.stagedUploadsOlderThan(Instant.now().plus(Duration.ofMinutes(5))).contains("crashed"),
                "an unfinished multipart upload counts as staging");
        assertEquals(0, s3.abortMultipartUploadsOlderThan(Instant.now().minus(Duration.ofHours(1))),
                "young uploads are left to finish");
        assertEquals(2, s3.abortMultipartUploadsOlderThan(Instant.now().plus(Duration.ofMinutes(5))));
        assertEquals(List.of(), multipartUploads(), () -> "still there: " + staged + ", " + blob);
        assertFalse(s3.stagedUploadsOlderThan(Instant.now().plus(Duration.ofMinutes(5))).contains("crashed"));
    }

    @Test
    void abortStagingAlsoAbortsUnfinishedParts() throws IOException {
        Piece kept = store.stage("up-20", new ByteArrayInputStream(bytes(10, 36)));
        orphan("uploads/up-20/0000000000000000002-000000000000");
        orphan("uploads/up-21/0000000000000000003-000000000000");
        store.abortStaging("up-20");
        assertDoesNotHold(kept.key());
        List<MultipartUpload> left = multipartUploads();
        assertEquals(1, left.size());
        assertTrue(left.get(0).key().endsWith("uploads/up-21/0000000000000000003-000000000000"), left.get(0).key());
    }

    @Test
    void deleteSplitsKeysIntoBatchesOfAThousand() throws IOException {
        List<Piece> real = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            real.add(store.stage("many", new ByteArrayInputStream(bytes(10, 40 + i))));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            keys.add(String.format("uploads/many/%019d-000000000000", i)); // missing: must be ignored
        }
        keys.set(0, real.get(0).key());
        keys.set(1_500, real.get(1).key());
        keys.set(2_499, real.get(2).key());
        store.delete(keys);
        for (Piece p : real) {
            assertDoesNotHold(p.key());
        }
    }

    // ---- failures ----

    @Test
    void anUnreachableServerIsStorageUnavailable() throws IOException {
        S3Settings dead = S3Settings.of(URI.create("http://127.0.0.1:9"), "us-east-1", "nowhere", "k", "s")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3), 1);
        try (S3BlobStore unreachable = new S3BlobStore(dead)) {
            long t0 = System.nanoTime();
            assertThrows(StorageUnavailableException.class, () -> unreachable.stat("blobs/sha256/abc"));
            assertThrows(StorageUnavailableException.class,
                    () -> unreachable.stage("x", new ByteArrayInputStream(new byte[10])));
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "an unreachable server must fail fast");
        }
    }

    // ---- helpers ----

    /** The small-part stores spool into {@code scratch}; every write must have removed its files. */
    private void assertNoSpoolFiles() throws IOException {
        try (var files = java.nio.file.Files.list(scratch)) {
            assertEquals(List.of(), files.map(Path::getFileName).map(Path::toString).toList());
        }
    }

    /** Starts a multipart upload under this test's prefix, uploads one part and leaves it unfinished. */
    private String orphan(String key) {
        String objectKey = settings.keyPrefix() + key;
        String id = admin.createMultipartUpload(b -> b.bucket(shared.bucket()).key(objectKey)).uploadId();
        admin.uploadPart(b -> b.bucket(shared.bucket()).key(objectKey).uploadId(id).partNumber(1),
                RequestBody.fromBytes(bytes(1000, 37)));
        return objectKey;
    }

    private List<MultipartUpload> multipartUploads() {
        return admin.listMultipartUploads(b -> b.bucket(shared.bucket()).prefix(settings.keyPrefix())).uploads();
    }

    private List<String> keys(String under) {
        return admin.listObjectsV2Paginator(b -> b.bucket(shared.bucket()).prefix(settings.keyPrefix() + under))
                .contents().stream().map(S3Object::key).toList();
    }

    /** Removes every object and unfinished upload under {@code prefix} of the test bucket. */
    private static void purge(String prefix) {
        String bucket = shared.bucket();
        for (MultipartUpload u : admin.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
            admin.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
        }
        List<String> keys = admin.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
        for (int i = 0; i < keys.size(); i += S3BlobStore.DELETE_BATCH) {
            List<String> batch = keys.subList(i, Math.min(keys.size(), i + S3BlobStore.DELETE_BATCH));
            admin.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                    batch.stream().map(k -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
                            .key(k).build()).toList())));
        }
    }
}
