package io.flotilla.node.registry;

import io.flotilla.cluster.Caches;
import io.flotilla.cluster.Locks;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.node.gc.ReadMarks;
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
                                  Caches caches, GcQueue gc, ReadMarks reads, Clock clock, Settings settings) {
        BlobLinks links = new BlobLinks(metadata, caches.blobLinks());
        BlobCommitter committer = new BlobCommitter(metadata, gc, clock);
        Tags tags = new Tags(metadata, gc);
        return new Registry(
                new BlobReads(blobStore, metadata, links, committer, gc, reads),
                new Uploads(blobStore, metadata, sessions, locks, committer, links, new RunningHashes(), clock),
                new Manifests(blobStore, metadata, caches.manifests(), links, committer, tags, gc, clock,
                        settings.maxManifestBytes()),
                new Listings(metadata),
                new UploadJanitor(blobStore, metadata, sessions, clock, settings.uploadTtl(), gc));
    }
}
