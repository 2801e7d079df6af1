package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.ManifestRecord;

import java.util.Optional;

/**
 * What the manifest review needs from the registry, which owns how manifests are stored. The collector never
 * deletes a tag: it deletes untagged rows only, and puts back a row that a push tagged meanwhile.
 */
public interface ManifestOperations {

    Optional<ManifestRecord> manifest(RepositoryName repo, Digest digest);

    boolean tagged(RepositoryName repo, Digest digest);

    /** Deletes an untagged manifest's row (not its tags), queueing its blobs and referrers for review first. */
    void collect(ManifestRecord record);

    /** Puts back a manifest collected while a push pointed a tag at it. */
    void restore(ManifestRecord record);

    /**
     * Puts back a manifest a tag names although its row is gone, from the stored copy of its bytes: the repair
     * after a collector died between deleting the row and looking for a new tag. False when no copy is left.
     */
    boolean reinstate(RepositoryName repo, Digest digest);
}
