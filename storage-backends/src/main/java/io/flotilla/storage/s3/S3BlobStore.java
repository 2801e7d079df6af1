package io.flotilla.storage.s3;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.support.Batches;
import io.flotilla.storage.support.PieceIds;
import io.flotilla.storage.support.StorageKeys;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A blob store on one S3 bucket (RGW, AWS, or any S3 server), under an optional key prefix. Layout is the
 * SPI's: {@code blobs/<alg>/<hex>} for {@link #put}, {@code uploads/<uploadId>/<pieceId>} for staged pieces.
 *
 * <p>Writes. S3 has neither appends nor renames, and cannot read back the parts of an unfinished multipart
 * upload, so every {@link #stage} call writes one object of its own, which is readable the moment the
 * call returns; a committed blob is the ordered list of its pieces, and committing copies nothing.
 * A stream of at most one part ({@link S3Settings#partSize}, 64 MiB by default) goes up in one PutObject;
 * a longer one as a {@link MultipartWrite} of such parts, each held in a {@link PartSpool} (heap, then a
 * temp file) until S3 has it, so the heap a write takes is bounded whatever the blob's size. The call
 * returns only after CompleteMultipartUpload, and any failure aborts the multipart upload.
 *
 * <p>{@link #put} hashes while it spools and writes the content address only after the digest matched:
 * a short stream is verified in the spool and then PUT; a long one goes up as a multipart upload to the
 * content address itself, which S3 keeps invisible until it is completed, and it is completed only after
 * the digest matched, aborted otherwise. So no wrong bytes ever sit under a content address, even briefly,
 * and there is neither a temp key nor a server-side copy.
 *
 * <p>Cleanup: {@link #stagedUploadsOlderThan} counts both staged pieces and unfinished multipart uploads,
 * so a stage still streaming keeps its upload young, and {@link #abortStaging} removes both. Multipart
 * uploads that a crashed node left anywhere under the prefix are aborted by
 * {@link #sweepDebris} ({@link #abortMultipartUploadsOlderThan}), which the node's upload janitor calls.
 *
 * <p>Errors follow {@link S3Errors}: 404 is {@link NoSuchObjectException}, an unreachable or failing
 * server is {@link io.flotilla.storage.spi.StorageUnavailableException}.
 */
public final class S3BlobStore implements BlobStore {
    /** DeleteObjects takes at most this many keys per call. */
    static final int DELETE_BATCH = 1000;
    /** Spool files idle this long belong to a dead process. */
    private static final Duration SPOOL_GRACE = Duration.ofHours(1);

    private final S3Settings settings;
    private final S3Client s3;
    private final String bucket;
    private final String root;
    /** Bounds every call that moves no blob bytes; transfers are bounded by the socket timeout instead. */
    private final AwsRequestOverrideConfiguration control;

    /** Opens a store on an existing bucket; nothing is sent until the first call. */
    public S3BlobStore(S3Settings settings) throws IOException {
        Files.createDirectories(settings.spoolDir());
        PartSpool.sweep(settings.spoolDir(), Instant.now().minus(SPOOL_GRACE));
        this.settings = settings;
        this.s3 = S3Clients.build(settings);
        this.bucket = settings.bucket();
        this.root = settings.keyPrefix();
        this.control = AwsRequestOverrideConfiguration.builder().apiCallTimeout(settings.requestTimeout()).build();
    }

    public S3Settings settings() {
        return settings;
    }

    /** Creates the bucket unless it exists. Returns whether it created it. */
    public boolean createBucketIfMissing() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(control));
            return false;
        } catch (NoSuchBucketException e) {
            // make it below
        } catch (SdkException e) {
            if (!(e instanceof S3Exception s && s.statusCode() == 404)) {
                throw S3Errors.translate("head bucket", bucket, e);
            }
        }
        try {
            s3.createBucket(b -> b.bucket(bucket).overrideConfiguration(control));
            return true;
        } catch (BucketAlreadyOwnedByYouException e) {
            return false; // another node made it meanwhile
        } catch (SdkException e) {
            throw S3Errors.translate("create bucket", bucket, e);
        }
    }

    // ---- writes ----

    @Override
    public Piece put(Digest digest, InputStream content) throws IOException {
        String key = StorageKeys.blobKey(digest);
        MessageDigest md = digest.algorithm().newMessageDigest();
        if (stat(key).isPresent()) {
            // Already stored: check the caller's bytes, keep the object we have.
            long size = Batches.pump(content, (batch, n) -> md.update(batch, 0, n));
            verify(digest, md);
            return new Piece(key, size);
        }
        return new Piece(key, write(key, content, md, digest));
    }

    @Override
    public Piece stage(String uploadId, InputStream content) throws IOException {
        String key = StorageKeys.pieceKey(uploadId, PieceIds.next());
        return new Piece(key, write(key, content, null, null));
    }

    /**
     * Writes all of {@code content} to {@code key}: one PutObject if it fits in a part, else a multipart
     * upload. With {@code expected}, the bytes must hash to it (through {@code md}) before the object is
     * made visible. Returns the number of bytes written.
     */
    private long write(String key, InputStream content, MessageDigest md, Digest expected) throws IOException {
        try (PartSpool spool = new PartSpool(settings.memoryBuffer(), settings.spoolDir())) {
            spool.fill(content, settings.partSize(), md);
            if (spool.size() < settings.partSize()) {
                if (expected != null) {
                    verify(expected, md);
                }
                putObject(key, spool.body());
                return spool.size();
            }
            return new MultipartWrite(s3, settings, key, root + key, control).run(spool, content, md, expected);
        }
    }

    private void putObject(String key, RequestBody body) throws IOException {
        S3Errors.call("put", key, () -> s3.putObject(b -> b.bucket(bucket).key(root + key), body));
    }

    // ---- reads ----

    @Override
    public InputStream open(Piece piece, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "+" + length);
        }
        String key = piece.key();
        if (length == 0) {
            if (stat(key).isEmpty()) {
                throw new NoSuchObjectException(key);
            }
            return InputStream.nullInputStream(); // S3 has no empty range to ask for
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        ResponseInputStream<GetObjectResponse> body = S3Errors.call("get", key,
                () -> s3.getObject(b -> b.bucket(bucket).key(root + key).range(range)));
        return new RangeInputStream(body, key, length);
    }

    @Override
    public OptionalLong stat(String key) throws IOException {
        try {
            return OptionalLong.of(S3Errors.call("head", key,
                    () -> s3.headObject(b -> b.bucket(bucket).key(root + key).overrideConfiguration(control)))
                    .contentLength());
        } catch (NoSuchObjectException e) {
            return OptionalLong.empty();
        }
    }

    // ---- deletes and cleanup ----

    @Override
    public void delete(Collection<String> keys) throws IOException {
        List<String> batch = new ArrayList<>(Math.min(keys.size(), DELETE_BATCH));
        for (String key : keys) {
            batch.add(root + key);
            if (batch.size() == DELETE_BATCH) {
                deleteObjects(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteObjects(batch);
        }
    }

    @Override
    public void abortStaging(String uploadId) throws IOException {
        String prefix = root + StorageKeys.uploadPrefix(uploadId);
        forEachPage(prefix, page -> deleteObjects(page.stream().map(S3Object::key).toList()));
        for (MultipartUpload upload : multipartUploads(prefix)) {
            abort(upload.key(), upload.uploadId());
        }
    }

    /**
     * Upload ids whose newest staged piece, or newest unfinished multipart upload of a piece, dates from
     * before {@code cutoff}. One flat listing of {@code uploads/} rather than one listing per upload: most
     * uploads hold a handful of pieces, so a page of 1,000 keys covers hundreds of uploads at once.
     */
    @Override
    public List<String> stagedUploadsOlderThan(Instant cutoff) throws IOException {
        String prefix = root + StorageKeys.UPLOADS + "/";
        Map<String, Instant> newest = new TreeMap<>();
        forEachPage(prefix, page -> page.forEach(o -> noteWrite(newest, prefix, o.key(), o.lastModified())));
        for (MultipartUpload upload : multipartUploads(prefix)) {
            noteWrite(newest, prefix, upload.key(), upload.initiated());
        }
        return newest.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff)).map(Map.Entry::getKey).toList();
    }

    /**
     * Aborts every unfinished multipart upload under this store's prefix that began before {@code cutoff}:
     * the leftovers of a node that died mid-write, which S3 keeps (and bills) forever otherwise. The cutoff
     * must lie further back than the longest write can take. Returns how many it aborted.
     */
    @Override
    public int sweepDebris(Instant cutoff) throws IOException {
        return abortMultipartUploadsOlderThan(cutoff);
    }

    public int abortMultipartUploadsOlderThan(Instant cutoff) throws IOException {
        int aborted = 0;
        for (MultipartUpload upload : multipartUploads(root)) {
            if (upload.initiated().isBefore(cutoff)) {
                abort(upload.key(), upload.uploadId());
                aborted++;
            }
        }
        return aborted;
    }

    @Override
    public void close() {
        s3.close();
    }

    // ---- helpers ----

    private static void noteWrite(Map<String, Instant> newest, String prefix, String objectKey, Instant when) {
        String rest = objectKey.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return; // not a piece key; nothing the SPI would have written
        }
        newest.merge(rest.substring(0, slash), when, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Deletes up to {@link #DELETE_BATCH} object keys (prefix included) in one call; missing ones are fine. */
    private void deleteObjects(List<String> objectKeys) throws IOException {
        if (objectKeys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> ids = objectKeys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        DeleteObjectsResponse response = S3Errors.call("delete", objectKeys.size() + " keys", () -> s3.deleteObjects(
                b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)).overrideConfiguration(control)));
        List<S3Error> failed = response.errors().stream().filter(e -> !"NoSuchKey".equals(e.code())).toList();
        if (!failed.isEmpty()) {
            S3Error first = failed.get(0);
            throw new IOException("S3 could not delete " + failed.size() + " of " + objectKeys.size()
                    + " keys, e.g. " + first.key() + ": " + first.code() + " " + first.message());
        }
    }

    /** An I/O step over one page of a listing. */
    @FunctionalInterface
    private interface PageAction {
        void accept(List<S3Object> page) throws IOException;
    }

    /** Lists every object under {@code prefix}, a page (at most 1,000 keys) at a time. */
    private void forEachPage(String prefix, PageAction action) throws IOException {
        String token = null;
        do {
            String continuation = token;
            var page = S3Errors.call("list", prefix, () -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)
                    .continuationToken(continuation).overrideConfiguration(control)));
            action.accept(page.contents());
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    private List<MultipartUpload> multipartUploads(String prefix) throws IOException {
        List<MultipartUpload> all = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        while (true) {
            String key = keyMarker;
            String id = idMarker;
            var page = S3Errors.call("list multipart uploads", prefix, () -> s3.listMultipartUploads(b -> b
                    .bucket(bucket).prefix(prefix).keyMarker(key).uploadIdMarker(id).overrideConfiguration(control)));
            all.addAll(page.uploads());
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return all;
            }
            keyMarker = page.nextKeyMarker();
            idMarker = page.nextUploadIdMarker();
        }
    }

    private void abort(String objectKey, String uploadId) throws IOException {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).overrideConfiguration(control));
        } catch (SdkException e) {
            if (!S3Errors.isNoSuchUpload(e)) {
                throw S3Errors.translate("abort multipart upload of", objectKey, e);
            }
        }
    }

    private static void verify(Digest expected, MessageDigest md) throws DigestMismatchException {
        Digest actual = Digest.of(expected.algorithm(), md);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual);
        }
    }
}
