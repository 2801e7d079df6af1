package io.flotilla.node.registry;

import io.flotilla.cluster.Cache;
import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.model.Reference;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.TagEntry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Manifest push, pull and delete. A push writes in the order that keeps the store safe after any crash:
 * the manifest's bytes, their link, the manifest row (with reverse references), then the tag.
 */
public final class Manifests {
    private final BlobStore blobStore;
    private final MetadataStore metadata;
    private final Cache<ManifestRecord> cache;
    private final BlobLinks links;
    private final BlobCommitter committer;
    private final ManifestParser parser;
    private final Tags tags;
    private final Clock clock;
    private final int maxBytes;

    public Manifests(BlobStore blobStore, MetadataStore metadata, Cache<ManifestRecord> cache, BlobLinks links,
                     BlobCommitter committer, Tags tags, Clock clock, int maxBytes) {
        this.blobStore = blobStore;
        this.metadata = metadata;
        this.cache = cache;
        this.links = links;
        this.committer = committer;
        this.parser = new ManifestParser();
        this.tags = tags;
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
        ParsedManifest parsed = parser.parse(contentType, body);
        for (Descriptor blob : parsed.requiredBlobs()) {
            requireBlob(repo, blob);
        }
        storeBytes(repo, digest, body);
        // The parsed type is the pushed Content-Type without parameters (or the body's mediaType when none
        // was sent); pulls serve it back, and the spec says a registry should not send parameters.
        ManifestRecord record = new ManifestRecord(repo, digest, parsed.mediaType(), parsed.mediaType(),
                parsed.artifactType(), parsed.subject() == null ? null : parsed.subject().digest(),
                parsed.references(), parsed.annotations(), body, clock.instant());
        metadata.putManifest(record);
        reference.tag().ifPresent(tag -> tags.point(repo, tag, digest));
        return record;
    }

    /** The manifest a tag or digest names in {@code repo}. */
    public ManifestRecord get(RepositoryName repo, Reference reference) {
        Digest digest = switch (reference) {
            case Reference.ByDigest d -> d.value();
            case Reference.ByTag t -> tags.resolve(repo, t.value()).orElseThrow(() -> unknown(reference));
        };
        String key = repo + "@" + digest;
        Optional<ManifestRecord> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        ManifestRecord record = metadata.getManifest(repo, digest).orElseThrow(() -> unknown(reference));
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
        if (metadata.getManifest(repo, digest).isEmpty()) {
            throw unknown(new Reference.ByDigest(digest));
        }
        for (TagEntry entry : tags.pointingAt(repo, digest)) {
            tags.delete(repo, entry.tag());
        }
        metadata.deleteManifest(repo, digest);
        cache.invalidate(repo + "@" + digest);
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

    /** Keeps a copy of the manifest in the blob store too, so the registry can be rebuilt from it. */
    private void storeBytes(RepositoryName repo, Digest digest, byte[] body) {
        try {
            // Content-addressed: a manifest pushed twice lands on the same key, so there is nothing to drop.
            Piece piece = blobStore.put(digest, new ByteArrayInputStream(body));
            committer.commit(digest, BlobLocation.of(piece));
        } catch (IOException e) {
            throw new UncheckedIOException("storing manifest bytes failed", e);
        }
        links.link(repo, digest);
    }

    private static RegistryException unknown(Reference reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference + " is unknown");
    }
}
