package io.flotilla.storage.support;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.Piece;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Rejects malformed keys, upload ids and ranges with IllegalArgumentException before they reach a backend,
 * so no backend has to trust its caller. Wrap every backend in this.
 */
public final class ValidatingBlobStore implements BlobStore {
    private final BlobStore delegate;

    public ValidatingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public Piece put(Digest digest, InputStream content) throws IOException {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(content, "content");
        return delegate.put(digest, content);
    }

    @Override
    public Piece stage(String uploadId, InputStream content) throws IOException {
        StorageKeys.checkUploadId(uploadId);
        Objects.requireNonNull(content, "content");
        return delegate.stage(uploadId, content);
    }

    @Override
    public InputStream open(Piece piece, long offset, long length) throws IOException {
        StorageKeys.checkKey(piece.key());
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "+" + length);
        }
        return delegate.open(piece, offset, length);
    }

    @Override
    public OptionalLong stat(String key) throws IOException {
        return delegate.stat(StorageKeys.checkKey(key));
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        keys.forEach(StorageKeys::checkKey);
        delegate.delete(keys);
    }

    @Override
    public void abortStaging(String uploadId) throws IOException {
        delegate.abortStaging(StorageKeys.checkUploadId(uploadId));
    }

    @Override
    public List<String> stagedUploadsOlderThan(Instant cutoff) throws IOException {
        return delegate.stagedUploadsOlderThan(Objects.requireNonNull(cutoff, "cutoff"));
    }

    @Override
    public int sweepDebris(Instant cutoff) throws IOException {
        return delegate.sweepDebris(Objects.requireNonNull(cutoff, "cutoff"));
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
