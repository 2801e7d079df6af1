package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.ManifestRecord;

import java.util.Optional;

/** What the manifest review needs from the registry, which owns how manifests and their tags are removed. */
public interface ManifestOperations {

    Optional<ManifestRecord> manifest(RepositoryName repo, Digest digest);

    boolean tagged(RepositoryName repo, Digest digest);

    /** Removes the manifest and its tags, queueing its blobs and referrers for review first. */
    void remove(ManifestRecord record);

    /** Puts back a manifest removed while a push pointed a tag at it. */
    void restore(ManifestRecord record);
}
