package io.flotilla.node.registry;

import io.flotilla.cluster.Locks;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.support.BlobReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Blob uploads: start, append chunks, report status, commit and cancel. Every chunk is staged durably
 * and recorded in the durable upload row by compare-and-set before it is acknowledged; the cluster's
 * session map only mirrors that row, so any node can continue any upload.
 */
public final class Uploads {
    private static final Logger LOG = Logger.getLogger(Uploads.class.getName());
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final BlobStore blobStore;
    private final MetadataStore metadata;
    private final UploadSessions sessions;
    private final Locks locks;
    private final BlobCommitter committer;
    private final BlobLinks links;
    private final RunningHashes hashes;
    private final Clock clock;
    private final BlobReader reader;

    public Uploads(BlobStore blobStore, MetadataStore metadata, UploadSessions sessions, Locks locks,
                   BlobCommitter committer, BlobLinks links, RunningHashes hashes, Clock clock) {
        this.blobStore = blobStore;
        this.metadata = metadata;
        this.sessions = sessions;
        this.locks = locks;
        this.committer = committer;
        this.links = links;
        this.hashes = hashes;
        this.clock = clock;
        this.reader = new BlobReader(blobStore);
    }

    /** Opens a new, empty upload for {@code repo}. */
    public UploadRecord start(RepositoryName repo) {
        UploadRecord upload = UploadRecord.start(UUID.randomUUID().toString(), repo, clock.instant());
        long version = metadata.putUpload(upload, Versioned.ABSENT);
        sessions.put(new Versioned<>(upload, version));
        return upload;
    }

    /**
     * The upload as it stands; BLOB_UPLOAD_UNKNOWN if it is not an open upload of {@code repo}. Read from the
     * metadata store, not the mirror: a client asks this to learn where to resume, so it must be the truth.
     */
    public UploadRecord status(RepositoryName repo, String uploadId) {
        return findInStore(repo, uploadId).value();
    }

    /** Appends a chunk, durably, and returns the upload after it. */
    public UploadRecord append(RepositoryName repo, String uploadId, Chunk chunk) {
        try (Locks.Held ignored = lock(uploadId)) {
            Versioned<UploadRecord> current = find(repo, uploadId);
            if (chunk.ranged() && chunk.start() != current.value().size()) {
                // The mirror can lag the row: a write on the minority side of a grid split reaches only the
                // row. Before answering 416, ask the row.
                current = findInStore(repo, uploadId);
            }
            Staged staged = stage(current.value(), chunk);
            UploadRecord next = current.value().withPiece(staged.piece(), clock.instant());
            record(current, next, staged);
            return next;
        }
    }

    /**
     * Appends the final chunk, if any, verifies the whole upload against {@code digest} and commits it.
     * On a digest mismatch the upload is left exactly as it was before this call.
     */
    public void complete(RepositoryName repo, String uploadId, Digest digest, Chunk last) {
        try (Locks.Held ignored = lock(uploadId)) {
            // Once per upload, so read the row itself: a mirror lagging it would fail the claim's CAS below.
            Versioned<UploadRecord> current = findInStore(repo, uploadId);
            Staged staged = stage(current.value(), last);
            List<Piece> pieces = new ArrayList<>(current.value().pieces());
            if (staged.piece().length() > 0) {
                pieces.add(staged.piece());
            }
            BlobLocation location = new BlobLocation(pieces);
            Digest actual = digestOf(location, staged, digest);
            if (!actual.equals(digest)) {
                deleteQuietly(List.of(staged.piece()));
                throw new RegistryException(ErrorCode.DIGEST_INVALID,
                        "upload content hashes to " + actual + ", not " + digest);
            }
            if (staged.piece().length() == 0) {
                deleteQuietly(List.of(staged.piece()));
            }
            claim(current, pieces, digest, staged);
            BlobCommitter.Outcome outcome = committer.commit(digest, location);
            links.link(repo, digest);
            forget(uploadId);
            if (outcome == BlobCommitter.Outcome.ALREADY_PRESENT) {
                deleteQuietly(pieces);
            }
        }
    }

    /**
     * Marks the upload row as committing {@code digest}, by CAS, before the blob row is written: only one
     * commit of an upload proceeds, and cleanup can tell a crashed commit from an abandoned upload.
     */
    private void claim(Versioned<UploadRecord> current, List<Piece> pieces, Digest digest, Staged staged) {
        UploadRecord claimed = current.value().committing(pieces, digest, clock.instant());
        try {
            metadata.putUpload(claimed, current.version());
        } catch (VersionConflictException raced) {
            deleteQuietly(List.of(staged.piece()));
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID,
                    "upload " + claimed.id() + " changed while it was being committed; check its status");
        }
    }

    /** Cancels an upload and drops its staged bytes. */
    public void cancel(RepositoryName repo, String uploadId) {
        try (Locks.Held ignored = lock(uploadId)) {
            find(repo, uploadId);
            try {
                blobStore.abortStaging(uploadId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            forget(uploadId);
        }
    }

    private record Staged(Piece piece, MessageDigest runningHash, long endOffset) {
    }

    private Staged stage(UploadRecord upload, Chunk chunk) {
        long offset = upload.size();
        if (chunk.ranged() && chunk.start() != offset) {
            throw outOfOrder(upload, "chunk starts at " + chunk.start() + " but the upload holds " + offset + " bytes");
        }
        MessageDigest running = hashes.continueAt(upload.id(), offset).orElse(null);
        HashAheadInputStream hashing = running == null ? null : new HashAheadInputStream(chunk.body(), running);
        Piece piece;
        try {
            piece = blobStore.stage(upload.id(), hashing == null ? chunk.body() : hashing);
        } catch (IOException e) {
            throw new UncheckedIOException("staging a chunk of upload " + upload.id() + " failed", e);
        } finally {
            if (hashing != null) {
                hashing.stopHashing();
            }
        }
        if (chunk.ranged() && piece.length() != chunk.declaredLength()) {
            deleteQuietly(List.of(piece));
            throw new RegistryException(ErrorCode.SIZE_INVALID, "Content-Range declares "
                    + chunk.declaredLength() + " bytes but the body held " + piece.length());
        }
        // A digest that did not see the whole body is not used: the commit then hashes the staged bytes.
        MessageDigest hashed = hashing != null && hashing.complete() ? running : null;
        return new Staged(piece, hashed, offset + piece.length());
    }

    private void record(Versioned<UploadRecord> current, UploadRecord next, Staged staged) {
        long version;
        try {
            version = metadata.putUpload(next, current.version());
        } catch (VersionConflictException raced) {
            deleteQuietly(List.of(staged.piece()));
            Versioned<UploadRecord> now = metadata.getUpload(next.id()).orElseThrow(() -> unknown(next.id()));
            // The mirror was stale if it led here; correct it, so the client's retry meets the row's state.
            sessions.put(now);
            throw outOfOrder(now.value(), "another chunk of this upload was accepted first");
        }
        sessions.put(new Versioned<>(next, version));
        if (staged.runningHash() != null) {
            hashes.record(next.id(), staged.endOffset(), staged.runningHash());
        }
    }

    private Digest digestOf(BlobLocation location, Staged staged, Digest expected) {
        if (staged.runningHash() != null && expected.algorithm() == RunningHashes.ALGORITHM) {
            return Digest.of(RunningHashes.ALGORITHM, staged.runningHash());
        }
        // The state is elsewhere or for another algorithm: hash exactly the staged bytes being committed.
        MessageDigest md = expected.algorithm().newMessageDigest();
        try {
            reader.digest(location, md);
        } catch (IOException e) {
            throw new UncheckedIOException("re-reading staged bytes failed", e);
        }
        return Digest.of(expected.algorithm(), md);
    }

    private Versioned<UploadRecord> find(RepositoryName repo, String uploadId) {
        Optional<Versioned<UploadRecord>> found = sessions.get(uploadId);
        if (found.isEmpty()) {
            found = metadata.getUpload(uploadId);
        }
        return openIn(repo, uploadId, found);
    }

    /** The upload as its durable row has it; the mirror is brought up to it, as it may have missed writes. */
    private Versioned<UploadRecord> findInStore(RepositoryName repo, String uploadId) {
        Versioned<UploadRecord> row = openIn(repo, uploadId, metadata.getUpload(uploadId));
        sessions.put(row);
        return row;
    }

    /** The upload found, if it is an open upload of {@code repo}; BLOB_UPLOAD_UNKNOWN otherwise. */
    private static Versioned<UploadRecord> openIn(RepositoryName repo, String uploadId,
                                                  Optional<Versioned<UploadRecord>> found) {
        return found.filter(v -> v.value().repo().equals(repo) && v.value().committedAs() == null)
                .orElseThrow(() -> unknown(uploadId));
    }

    private void forget(String uploadId) {
        metadata.deleteUpload(uploadId);
        sessions.remove(uploadId);
        hashes.forget(uploadId);
    }

    private Locks.Held lock(String uploadId) {
        // Serialises the chunks of one upload across nodes; the CAS on the upload row keeps it correct
        // if the lock is ever lost.
        return locks.tryLock("upload:" + uploadId, LOCK_WAIT).orElseThrow(() ->
                new RegistryException(ErrorCode.TOO_MANY_REQUESTS, "upload " + uploadId + " is busy; retry"));
    }

    private void deleteQuietly(List<Piece> pieces) {
        try {
            blobStore.delete(pieces.stream().map(Piece::key).toList());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete redundant staged pieces; cleanup will", e);
        }
    }

    private static RegistryException unknown(String uploadId) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + uploadId + " is not open");
    }

    private static RegistryException outOfOrder(UploadRecord upload, String detail) {
        return new RegistryException(ErrorCode.CHUNK_OUT_OF_ORDER, detail, Map.of("Range", rangeHeader(upload.size())));
    }

    /** The {@code Range} header value for an upload holding {@code size} bytes. */
    public static String rangeHeader(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
