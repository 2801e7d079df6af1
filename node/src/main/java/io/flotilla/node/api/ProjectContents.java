package io.flotilla.node.api;

import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.MetadataStore;

import java.util.List;

/**
 * Whether a project still holds images: a repository under {@code project/} with at least one tag. A
 * repository whose tags were all deleted does not count (the store keeps its row), so a project emptied
 * through the registry API can be deleted; untagged manifests left in it are not looked for.
 */
public final class ProjectContents {

    private static final int BATCH = 100;

    private final MetadataStore store;

    public ProjectContents(MetadataStore store) {
        this.store = store;
    }

    public boolean holdsTaggedRepositories(String project) {
        String prefix = project + "/";
        // Names are listed in order: project-x and project.x sort before project/..., everything else after.
        RepositoryName after = new RepositoryName(project);
        while (true) {
            List<RepositoryName> page = store.listRepositories(after, BATCH);
            for (RepositoryName repo : page) {
                String name = repo.value();
                if (name.startsWith(prefix)) {
                    if (!store.listTags(repo, null, 1).isEmpty()) {
                        return true;
                    }
                } else if (name.compareTo(prefix) > 0) {
                    return false;
                }
            }
            if (page.size() < BATCH) {
                return false;
            }
            after = page.getLast();
        }
    }
}
