package io.flotilla.node.registry;

import io.flotilla.cluster.Cache;
import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.model.Reference;
import io.flotilla.model.RepositoryName;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.node.gc.ManifestOperations;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.support.StorageKeys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Manifest push, pull and delete. A push writes in the order that keeps the store safe after any crash:
 * the manifest's bytes, their link, the manifest row (with reverse references), then the tag.
 *
 * <p>Against garbage collection, a push bumps every blob it names before writing the row and confirms each
 * one after (BlobCommitter); a blob the collector got to first makes the push fail as for an unknown blob,
 * with the row it wrote removed again. Deletes and tag moves queue what they may have orphaned for review.
 */
public final class Manifests implements ManifestOperations {
    private final BlobStore blobStore;
    private final MetadataStore metadata;
    private final Cache<ManifestRecord> cache;
    private final BlobLinks links;
    private final BlobCommitter committer;
    private final ManifestParser parser;
    private final Tags tags;
    private final GcQueue gc;
    private final Clock clock;
    private final int maxBytes;

    public Manifests(BlobStore blobStore, MetadataStore metadata, Cache<ManifestRecord> cache, BlobLinks links,
                     BlobCommitter committer, Tags tags, GcQueue gc, Clock clock, int maxBytes) {
        this.blobStore = blobStore;
        this.metadata = metadata;
        this.cache = cache;
        this.links = links;
        this.committer = committer;
        this.parser = new ManifestParser();
        this.tags = tags;
        this.gc = gc;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** The size limit of a manifest body, in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /** Validates and stores a manifest, then points the tag at it if the reference is a tag. */
    public ManifestRecord put(RepositoryName repo, Reference reference, String contentType, byte[] body) {
        if (body.length > maxBytes) {
            throw new RegistryException(ErrorCode.MANIFEST_TOO_LARGE, "manifests are limited to " + maxBytes + " bytes");
        }
        Digest digest = digestOf(reference, body);
        ManifestRecord record = store(repo, digest, parser.parse(contentType, body), body,
                reference.tag().isEmpty());
        reference.tag().ifPresent(tag -> {
            tags.point(repo, tag, digest);
            keepTaggedRow(record);
        });
        return record;
    }

    /** Validates a manifest and writes its bytes and row, with the blobs it relies on confirmed. */
    private ManifestRecord store(RepositoryName repo, Digest digest, ParsedManifest parsed, byte[] body,
                                 boolean untagged) {
        for (Descriptor blob : parsed.requiredBlobs()) {
            requireBlob(repo, blob);
        }
        boolean existed = metadata.getManifest(repo, digest).isPresent();
        storeBytes(repo, digest, body);
        ManifestRecord record = recordOf(repo, digest, parsed, body);
        if (untagged) {
            gc.reviewManifest(repo, digest); // pushed untagged: the untagged policy may apply to it
        }
        metadata.putManifest(record);
        List<Digest> reliedOn = new ArrayList<>(parsed.requiredBlobs().stream().map(Descriptor::digest).toList());
        reliedOn.add(digest);
        confirmBlobs(record, reliedOn, existed);
        return record;
    }

    private ManifestRecord recordOf(RepositoryName repo, Digest digest, ParsedManifest parsed, byte[] body) {
        // The manifest references its own stored copy too, so that copy lives exactly as long as a manifest row.
        List<Digest> references = new ArrayList<>(parsed.references());
        references.add(digest);
        // The parsed type is the pushed Content-Type without parameters (or the body's mediaType when none
        // was sent); pulls serve it back, and the spec says a registry should not send parameters.
        return new ManifestRecord(repo, digest, parsed.mediaType(), parsed.mediaType(), parsed.artifactType(),
                parsed.subject() == null ? null : parsed.subject().digest(), references, parsed.annotations(), body,
                clock.instant());
    }

    /**
     * The collector may have deleted the row as untagged between this push's row and its tag. It looks for tags
     * after its delete, and this looks for the row after the tag, so one of the two puts the row back before
     * the push is acknowledged or the collector moves on.
     */
    private void keepTaggedRow(ManifestRecord record) {
        if (metadata.getManifest(record.repo(), record.digest()).isEmpty()) {
            restore(record);
        }
    }

    /**
     * Confirms every blob the new row relies on (an index's children are manifests, which the untagged policy
     * keeps while an index references them). When the collector got one first, the row is removed again
     * (unless it was there before this push, in which case an earlier push's confirmation stands) and the
     * push fails as for an unknown blob: the client uploads it again and retries.
     */
    private void confirmBlobs(ManifestRecord record, List<Digest> reliedOn, boolean existed) {
        for (Digest blob : new LinkedHashSet<>(reliedOn)) {
            if (!committer.confirm(blob)) {
                if (!existed) {
                    deleteRow(record);
                }
                throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                        "blob " + blob + " was garbage-collected during this push; upload it again");
            }
        }
    }

    /** The manifest a tag or digest names in {@code repo}. */
    public ManifestRecord get(RepositoryName repo, Reference reference) {
        Digest digest = switch (reference) {
            case Reference.ByDigest d -> d.value();
            case Reference.ByTag t -> tags.resolve(repo, t.value()).orElseThrow(() -> unknown(reference));
        };
        String key = cacheKey(repo, digest);
        Optional<ManifestRecord> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<ManifestRecord> row = metadata.getManifest(repo, digest);
        if (row.isEmpty() && reference instanceof Reference.ByTag) {
            return fromStoredCopy(repo, digest).orElseThrow(() -> unknown(reference));  // not cached: no row
        }
        ManifestRecord record = row.orElseThrow(() -> unknown(reference));
        if (!Digest.compute(digest.algorithm(), record.content()).equals(digest)) {
            throw new RegistryException(ErrorCode.UNAVAILABLE, "stored manifest " + digest + " fails its digest check");
        }
        cache.put(key, record);
        return record;
    }

    /** Deletes a tag, or a manifest by digest together with the tags that point at it. */
    public void delete(RepositoryName repo, Reference reference) {
        switch (reference) {
            case Reference.ByTag t -> {
                if (!tags.delete(repo, t.value())) {
                    throw unknown(reference);
                }
            }
            case Reference.ByDigest d -> deleteManifest(repo, d.value());
        }
    }

    private void deleteManifest(RepositoryName repo, Digest digest) {
        ManifestRecord record = metadata.getManifest(repo, digest)
                .orElseThrow(() -> unknown(new Reference.ByDigest(digest)));
        remove(record);
    }

    /** Removes a manifest with the tags pointing at it: a client's delete by digest. */
    private void remove(ManifestRecord record) {
        queueOrphans(record);
        for (TagEntry entry : tags.pointingAt(record.repo(), record.digest())) {
            tags.delete(record.repo(), entry.tag());
        }
        deleteRow(record);
    }

    @Override
    public void collect(ManifestRecord record) {
        queueOrphans(record);
        deleteRow(record);
    }

    /** Queues what deleting the row may orphan, its blobs and its referrers, first: a crash cannot lose it. */
    private void queueOrphans(ManifestRecord record) {
        gc.reviewBlobs(new LinkedHashSet<>(record.references()));
        for (Descriptor referrer : metadata.listReferrers(record.repo(), record.digest())) {
            gc.reviewManifest(record.repo(), referrer.digest());
        }
    }

    private void deleteRow(ManifestRecord record) {
        metadata.deleteManifest(record.repo(), record.digest());
        cache.invalidate(cacheKey(record.repo(), record.digest()));
    }

    @Override
    public Optional<ManifestRecord> manifest(RepositoryName repo, Digest digest) {
        return metadata.getManifest(repo, digest);
    }

    @Override
    public boolean tagged(RepositoryName repo, Digest digest) {
        return !tags.pointingAt(repo, digest).isEmpty();
    }

    @Override
    public void restore(ManifestRecord record) {
        metadata.putManifest(record);
        cache.invalidate(cacheKey(record.repo(), record.digest()));
    }

    /** Stores the manifest again from its stored copy, with its blobs retained and confirmed as a push would. */
    @Override
    public boolean reinstate(RepositoryName repo, Digest digest) {
        try {
            Optional<byte[]> copy = storedCopy(digest);
            if (copy.isPresent()) {
                store(repo, digest, parser.parseStored(copy.get()), copy.get(), false);
            }
            return copy.isPresent();
        } catch (RegistryException gone) {
            return false;  // a blob it needs is gone too
        }
    }

    /**
     * A manifest a tag names while its row is gone: the moment between the collector's delete and its put-back
     * of a manifest a push just tagged (or a client's delete racing a pull). The tag was read first, so serving
     * the stored copy is what the pull would have seen an instant earlier.
     */
    private Optional<ManifestRecord> fromStoredCopy(RepositoryName repo, Digest digest) {
        try {
            return storedCopy(digest).map(body -> recordOf(repo, digest, parser.parseStored(body), body));
        } catch (RegistryException unreadable) {
            return Optional.empty();
        }
    }

    /** The bytes of the manifest's content-addressed copy, when they are there and hash to {@code digest}. */
    private Optional<byte[]> storedCopy(Digest digest) {
        String key = StorageKeys.blobKey(digest);
        try {
            OptionalLong size = blobStore.stat(key);
            if (size.isEmpty() || size.getAsLong() > maxBytes) {
                return Optional.empty();
            }
            byte[] body;
            try (var in = blobStore.open(new Piece(key, size.getAsLong()), 0, size.getAsLong())) {
                body = in.readAllBytes();
            }
            return Digest.compute(digest.algorithm(), body).equals(digest) ? Optional.of(body) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the stored copy of manifest " + digest + " failed", e);
        }
    }

    private Digest digestOf(Reference reference, byte[] body) {
        if (reference instanceof Reference.ByDigest d) {
            Digest actual = Digest.compute(d.value().algorithm(), body);
            if (!actual.equals(d.value())) {
                throw new RegistryException(ErrorCode.DIGEST_INVALID, "manifest hashes to " + actual + ", not " + d.value());
            }
            return actual;
        }
        return Digest.compute(DigestAlgorithm.SHA256, body);
    }

    private void requireBlob(RepositoryName repo, Descriptor blob) {
        if (!links.isLinked(repo, blob.digest())) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob " + blob.digest() + " is not in " + repo);
        }
        BlobRecord record = committer.retain(blob.digest()).orElseThrow(() ->
                new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob " + blob.digest() + " is not in " + repo));
        if (record.size() != blob.size()) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "descriptor of " + blob.digest() + " gives size "
                    + blob.size() + " but the blob holds " + record.size() + " bytes");
        }
    }

    /**
     * Keeps a copy of the manifest in the blob store too, so the registry can be rebuilt from it. The copy is
     * content-addressed, so the row claims the key before the bytes land: the collector deletes a key only
     * after moving the row that claims it to purging, which this claim either revives or waits out.
     */
    private void storeBytes(RepositoryName repo, Digest digest, byte[] body) {
        try {
            committer.commit(digest, BlobLocation.of(new Piece(StorageKeys.blobKey(digest), body.length)));
            blobStore.put(digest, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException("storing manifest bytes failed", e);
        }
        links.link(repo, digest);
    }

    private static String cacheKey(RepositoryName repo, Digest digest) {
        return repo + "@" + digest;
    }

    private static RegistryException unknown(Reference reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference + " is unknown");
    }
}
