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

    /**
     * When each blob was last read (HEAD or GET), by digest, in epoch milliseconds: garbage collection leaves
     * a recently read blob alone, because a client PUTs its manifest minutes after HEADing its layers. Kept
     * with a backup, for a week at most; losing an entry only makes a blob collectable sooner than asked.
     */
    Cache<Long> blobReads();
}
