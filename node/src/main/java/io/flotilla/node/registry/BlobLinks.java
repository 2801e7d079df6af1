package io.flotilla.node.registry;

import io.flotilla.cluster.Cache;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.MetadataStore;

/** Repository to blob links: the store is the truth, the short-lived shared cache spares it on pulls. */
public final class BlobLinks {
    private final MetadataStore metadata;
    private final Cache<Boolean> cache;

    public BlobLinks(MetadataStore metadata, Cache<Boolean> cache) {
        this.metadata = metadata;
        this.cache = cache;
    }

    public boolean isLinked(RepositoryName repo, Digest digest) {
        String key = key(repo, digest);
        if (cache.get(key).orElse(false)) {
            return true;
        }
        boolean linked = metadata.isBlobLinked(repo, digest);
        if (linked) {
            cache.put(key, true);
        }
        return linked;
    }

    /** Links the blob and creates the repository row, so the repository shows in the catalog. */
    public void link(RepositoryName repo, Digest digest) {
        metadata.ensureRepository(repo);
        metadata.linkBlob(repo, digest);
        cache.put(key(repo, digest), true);
    }

    public void unlink(RepositoryName repo, Digest digest) {
        metadata.unlinkBlob(repo, digest);
        cache.invalidate(key(repo, digest));
    }

    private static String key(RepositoryName repo, Digest digest) {
        return repo + "@" + digest;
    }
}
