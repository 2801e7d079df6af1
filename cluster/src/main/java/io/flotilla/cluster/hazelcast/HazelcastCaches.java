package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.Cache;
import io.flotilla.cluster.Caches;
import io.flotilla.storage.spi.ManifestRecord;

/** The registry's caches, each a near-cached map (see {@link MapConfigs} for how each is kept). */
final class HazelcastCaches implements Caches {

    private final Cache<ManifestRecord> manifests;
    private final Cache<Boolean> blobLinks;
    private final Cache<Long> blobReads;

    HazelcastCaches(Cache<ManifestRecord> manifests, Cache<Boolean> blobLinks, Cache<Long> blobReads) {
        this.manifests = manifests;
        this.blobLinks = blobLinks;
        this.blobReads = blobReads;
    }

    @Override
    public Cache<ManifestRecord> manifests() {
        return manifests;
    }

    @Override
    public Cache<Boolean> blobLinks() {
        return blobLinks;
    }

    @Override
    public Cache<Long> blobReads() {
        return blobReads;
    }
}
