package io.flotilla.cluster;

import io.flotilla.storage.spi.ManifestRecord;

/**
 * The registry's caches. Tag to digest is deliberately absent: tags are read from the metadata store
 * so that a tag stays a linearizable register.
 */
public interface Caches {

    /** Manifests by {@code repo@digest}: immutable, so cached near every node without expiry. */
    Cache<ManifestRecord> manifests();

    /**
     * Repository to blob links by {@code repo@digest}. Invalidated on write, and kept for only about a
     * second because a lost invalidation is otherwise repaired by nothing.
     */
    Cache<Boolean> blobLinks();
}
