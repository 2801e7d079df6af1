package io.flotilla.node.registry;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.node.gc.ReadMarks;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.support.BlobReader;

import java.io.IOException;
import java.io.InputStream;

/** Pulls, deletes and cross-repository mounts of blobs, always through the repository's link. */
public final class BlobReads {
    private final BlobReader reader;
    private final MetadataStore metadata;
    private final BlobLinks links;
    private final BlobCommitter committer;
    private final GcQueue gc;
    private final ReadMarks reads;

    public BlobReads(BlobStore blobStore, MetadataStore metadata, BlobLinks links, BlobCommitter committer,
                     GcQueue gc, ReadMarks reads) {
        this.reader = new BlobReader(blobStore);
        this.metadata = metadata;
        this.links = links;
        this.committer = committer;
        this.gc = gc;
        this.reads = reads;
    }

    /**
     * The blob's row, if {@code repo} may read it and its bytes are not being purged. Counts as a read, which
     * pushes the blob's collection back: a client HEADs its layers and PUTs the manifest minutes later.
     */
    public BlobRecord stat(RepositoryName repo, Digest digest) {
        if (!links.isLinked(repo, digest)) {
            throw unknown(digest);
        }
        BlobRecord blob = metadata.getBlob(digest)
                .map(v -> v.value())
                .filter(r -> r.state() != GcState.PURGING)
                .orElseThrow(() -> unknown(digest));
        reads.record(digest);
        return blob;
    }

    /** Opens {@code length} bytes of a blob found by {@link #stat}, starting at {@code offset}. */
    public InputStream open(BlobRecord blob, long offset, long length) throws IOException {
        return reader.open(blob.location(), offset, length);
    }

    /** Removes the blob from {@code repo}; the bytes stay until garbage collection finds them unused. */
    public void delete(RepositoryName repo, Digest digest) {
        if (!links.isLinked(repo, digest)) {
            throw unknown(digest);
        }
        gc.reviewBlob(digest);
        links.unlink(repo, digest);
    }

    /** Links a blob that {@code from} holds into {@code target}; false when {@code from} cannot lend it. */
    public boolean mount(RepositoryName target, RepositoryName from, Digest digest) {
        if (!links.isLinked(from, digest) || committer.retain(digest).isEmpty()) {
            return false;
        }
        links.link(target, digest);
        return true;
    }

    private static RegistryException unknown(Digest digest) {
        return new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is unknown to this repository");
    }
}
