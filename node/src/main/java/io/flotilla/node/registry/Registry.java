package io.flotilla.node.registry;

import io.flotilla.cluster.Caches;
import io.flotilla.cluster.Locks;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;

import java.time.Clock;
import java.time.Duration;

/** The domain services of one node, wired over its stores and the cluster's shared state. */
public record Registry(BlobReads blobs, Uploads uploads, Manifests manifests, Listings listings, UploadJanitor janitor) {

    /** Limits and timings the domain services need from configuration. */
    public record Settings(int maxManifestBytes, Duration uploadTtl) {
    }

    public static Registry create(BlobStore blobStore, MetadataStore metadata, UploadSessions sessions, Locks locks,
                                  Caches caches, Clock clock, Settings settings) {
        BlobLinks links = new BlobLinks(metadata, caches.blobLinks());
        BlobCommitter committer = new BlobCommitter(metadata, clock);
        Tags tags = new Tags(metadata);
        return new Registry(
                new BlobReads(blobStore, metadata, links, committer),
                new Uploads(blobStore, metadata, sessions, locks, committer, links, new RunningHashes(), clock),
                new Manifests(blobStore, metadata, caches.manifests(), links, committer, tags, clock,
                        settings.maxManifestBytes()),
                new Listings(metadata),
                new UploadJanitor(blobStore, metadata, sessions, clock, settings.uploadTtl()));
    }
}
