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
        return repositories(last, limit, repo -> true);
    }

    /**
     * Up to {@code limit} names after {@code last} of the repositories {@code visible} accepts (those the caller
     * may pull from), reading on through the catalog until the page is full or the catalog ends.
     */
    public Page<String> repositories(RepositoryName last, int limit, java.util.function.Predicate<RepositoryName> visible) {
        if (limit == 0) {
            return new Page<>(List.of(), false);
        }
        int batch = Math.max(limit + 1, 100);
        List<String> shown = new java.util.ArrayList<>(limit + 1);
        RepositoryName after = last;
        while (shown.size() <= limit) {
            List<RepositoryName> fetched = metadata.listRepositories(after, batch);
            for (RepositoryName repo : fetched) {
                if (visible.test(repo)) {
                    shown.add(repo.value());
                    if (shown.size() > limit) {
                        break;
                    }
                }
            }
            if (fetched.size() < batch) {
                break;
            }
            after = fetched.getLast();
        }
        return Page.of(shown, limit);
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
