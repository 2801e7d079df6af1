package io.flotilla.node.gc;

import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.MetadataStore;

/** Untagged-manifest policies by repository, over the node's default ({@code gc.untagged-after-hours}). */
public final class UntaggedPolicies {
    private final GcRecords<UntaggedPolicy> records;
    private final UntaggedPolicy fallback;

    public UntaggedPolicies(MetadataStore store, UntaggedPolicy fallback) {
        this.records = new GcRecords<>(store, "gc_untagged", UntaggedPolicy.class);
        this.fallback = fallback;
    }

    public UntaggedPolicy of(RepositoryName repo) {
        return records.get(repo.toString()).orElse(fallback);
    }

    public void set(RepositoryName repo, UntaggedPolicy policy) {
        records.put(repo.toString(), policy);
    }
}
