package io.flotilla.storage.spi;

import io.flotilla.model.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Durable bytes, addressed by opaque keys. A committed blob is a {@link BlobLocation}: the ordered
 * pieces that hold its bytes. The metadata store, not this store, says which pieces form which blob.
 *
 * <p>Key layout, the same for every backend:
 * <pre>
 *   blobs/&lt;algorithm&gt;/&lt;hex&gt;          whole blobs written by {@link #put}
 *   uploads/&lt;uploadId&gt;/&lt;pieceId&gt;    pieces staged by {@link #stage}; they stay where they are when
 *                                     their upload is committed, so a commit never copies bytes
 * </pre>
 *
 * <p>Contract, checked by {@code BlobStoreContract}:
 * <ul>
 *   <li>Every method that returns normally has made its effect durable (synced on a filesystem, a
 *       completed write on S3 or RADOS). A returned {@link Piece} is readable back at once, from any node.</li>
 *   <li>Writes never expose partial data under a key that a reader could be given.</li>
 *   <li>{@link #delete} and {@link #abortStaging} are idempotent: missing keys are not errors.</li>
 *   <li>Missing data on read raises {@link NoSuchObjectException}; an unreachable backend raises
 *       {@link StorageUnavailableException}; other I/O failures raise {@link IOException}.</li>
 * </ul>
 * Upload ids are chosen by the caller and must match {@code [A-Za-z0-9-]{1,64}}.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Streams {@code content} to the content address of {@code digest}, verifying the digest as it goes.
     * On a mismatch nothing is left under the address and {@link DigestMismatchException} is raised.
     * Putting a digest that is already stored is allowed and leaves one copy.
     */
    Piece put(Digest digest, InputStream content) throws IOException;

    /**
     * Writes all of {@code content} as a new piece of upload {@code uploadId}, under a key no other call
     * returns. The piece is durable and readable when this returns. An empty stream gives an empty piece.
     */
    Piece stage(String uploadId, InputStream content) throws IOException;

    /**
     * Opens {@code length} bytes of a piece starting at {@code offset}. The stream fails with an
     * {@link IOException} if the piece holds fewer bytes than asked for.
     */
    InputStream open(Piece piece, long offset, long length) throws IOException;

    /** The size of the object under {@code key}, or empty when there is none. */
    OptionalLong stat(String key) throws IOException;

    /** Deletes the given keys, in batches where the backend supports it. Missing keys are ignored. */
    void delete(Collection<String> keys) throws IOException;

    /** Deletes every piece staged for {@code uploadId}. */
    void abortStaging(String uploadId) throws IOException;

    /**
     * Ids of uploads with staged pieces whose newest piece was written before {@code cutoff}: the input of
     * the cleanup that removes staging abandoned without a durable upload record.
     */
    List<String> stagedUploadsOlderThan(Instant cutoff) throws IOException;

    /**
     * Removes the backend's own debris older than {@code cutoff}: writes a dead node left half done, such as
     * unfinished S3 multipart uploads. Never touches a key a caller was given. Returns how many it removed.
     */
    default int sweepDebris(Instant cutoff) throws IOException {
        return 0;
    }

    @Override
    void close() throws IOException;
}
