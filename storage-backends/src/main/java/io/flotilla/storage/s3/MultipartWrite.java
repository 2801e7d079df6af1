package io.flotilla.storage.s3;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.DigestMismatchException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One multipart upload of a stream longer than a part, pipelined over two spools: while part n goes up on
 * a thread of its own, part n+1 is read from the caller. A client sending at the speed S3 takes the bytes
 * thus keeps both links busy instead of taking turns, at the price of a second part's worth of spool.
 *
 * <p>The object exists only once CompleteMultipartUpload returns, which happens only after every part
 * is stored and, when a digest is expected, the bytes matched it. Any failure aborts the upload, after
 * the part in flight has stopped, so that no part lands after the abort.
 */
final class MultipartWrite {
    private static final Logger LOG = Logger.getLogger(MultipartWrite.class.getName());
    /** S3 allows at most this many parts in one multipart upload. */
    static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final S3Settings settings;
    private final String objectKey;
    private final String key;
    private final AwsRequestOverrideConfiguration control;

    /** {@code key} is the store key, for messages; {@code objectKey} the bucket key, prefix included. */
    MultipartWrite(S3Client s3, S3Settings settings, String key, String objectKey, AwsRequestOverrideConfiguration control) {
        this.s3 = s3;
        this.settings = settings;
        this.key = key;
        this.objectKey = objectKey;
        this.control = control;
    }

    /**
     * Uploads {@code first}, which holds a full part, then the rest of {@code content}, feeding each byte to
     * {@code md} if not null and checking it against {@code expected} if not null. Returns the byte count.
     */
    long run(PartSpool first, InputStream content, MessageDigest md, Digest expected) throws IOException {
        String uploadId = S3Errors.call("create multipart upload", key, () -> s3.createMultipartUpload(
                b -> b.bucket(settings.bucket()).key(objectKey).overrideConfiguration(control))).uploadId();
        PartUpload inFlight = null;
        boolean completed = false;
        // every part of a multipart write is full but the last, so the second spool skips the heap
        try (PartSpool second = new PartSpool(0, settings.spoolDir())) {
            List<CompletedPart> parts = new ArrayList<>();
            PartSpool sending = first;
            PartSpool filling = second;
            long total = 0;
            while (true) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw new IOException("a piece over " + MAX_PARTS + " parts of " + settings.partSize()
                            + " bytes does not fit one S3 object; raise the part size");
                }
                inFlight = new PartUpload(uploadId, number, sending);
                total += sending.size();
                filling.reset();
                filling.fill(content, settings.partSize(), md);
                parts.add(inFlight.await());
                inFlight = null;
                if (filling.size() == 0) {
                    break;
                }
                PartSpool sent = sending;
                sending = filling;
                filling = sent;
            }
            if (expected != null) {
                Digest actual = Digest.of(expected.algorithm(), md);
                if (!actual.equals(expected)) {
                    throw new DigestMismatchException(expected, actual);
                }
            }
            // Completing stitches the parts together on the server without moving their bytes. It can take
            // a while for thousands of parts, so only the socket timeout bounds it, not the request timeout.
            S3Errors.call("complete multipart upload", key, () -> s3.completeMultipartUpload(b -> b
                    .bucket(settings.bucket()).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            completed = true;
            return total;
        } finally {
            if (!completed) {
                if (inFlight != null) {
                    inFlight.stop();
                }
                abortQuietly(uploadId);
            }
        }
    }

    /** Aborts after a failed write; the write's own failure is the one the caller needs to see. */
    private void abortQuietly(String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
                    .overrideConfiguration(control));
        } catch (SdkException e) {
            if (!S3Errors.isNoSuchUpload(e)) {
                LOG.log(Level.WARNING, "could not abort multipart upload " + uploadId + " of " + objectKey
                        + "; cleanup will abort it later", e);
            }
        }
    }

    /** One UploadPart call, running on a virtual thread of its own from construction on. */
    private final class PartUpload implements Runnable {
        private final String uploadId;
        private final int number;
        private final PartSpool part;
        private final Thread thread;
        private String etag;
        private Exception failure;

        PartUpload(String uploadId, int number, PartSpool part) {
            this.uploadId = uploadId;
            this.number = number;
            this.part = part;
            this.thread = Thread.ofVirtual().name("s3-part-" + number).start(this);
        }

        @Override
        public void run() {
            try {
                etag = S3Errors.call("upload part " + number + " of", key, () -> s3.uploadPart(b -> b
                        .bucket(settings.bucket()).key(objectKey).uploadId(uploadId).partNumber(number),
                        part.body())).eTag();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        /** Waits for the part; returns it, or throws what its upload threw. */
        CompletedPart await() throws IOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new InterruptedIOException("interrupted while part " + number + " of " + key + " uploaded");
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException rt) {
                throw rt;
            }
            return CompletedPart.builder().partNumber(number).eTag(etag).build();
        }

        /** Interrupts the upload (a virtual thread's socket closes at once) and waits until it has ended. */
        void stop() {
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
