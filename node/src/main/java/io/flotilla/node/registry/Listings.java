package io.flotilla.node.registry;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.TagEntry;

import java.util.List;

/** Tag lists, the catalog and referrers: paged reads of the metadata store. */
public final class Listings {
    private final MetadataStore metadata;

    public Listings(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** Up to {@code limit} tags of {@code repo} after {@code last} (exclusive; null for the first page). */
    public Page<String> tags(RepositoryName repo, Tag last, int limit) {
        if (!metadata.repositoryExists(repo)) {
            throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + repo + " is unknown");
        }
        if (limit == 0) {
            return new Page<>(List.of(), false);
        }
        List<String> fetched = metadata.listTags(repo, last, limit + 1).stream()
                .map(TagEntry::tag).map(Tag::value).toList();
        return Page.of(fetched, limit);
    }

    /** Up to {@code limit} repository names after {@code last}. */
    public Page<String> repositories(RepositoryName last, int limit) {
        if (limit == 0) {
            return new Page<>(List.of(), false);
        }
        List<String> fetched = metadata.listRepositories(last, limit + 1).stream()
                .map(RepositoryName::value).toList();
        return Page.of(fetched, limit);
    }

    /** Manifests whose subject is {@code subject}, optionally only those of one artifact type. */
    public List<Descriptor> referrers(RepositoryName repo, Digest subject, String artifactType) {
        List<Descriptor> all = metadata.listReferrers(repo, subject);
        if (artifactType == null) {
            return all;
        }
        return all.stream().filter(d -> artifactType.equals(d.artifactType())).toList();
    }
}
