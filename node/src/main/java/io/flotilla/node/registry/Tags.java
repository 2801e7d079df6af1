package io.flotilla.node.registry;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tags as versioned registers in the metadata store, never cached: every read goes to the store, and
 * every write is a compare-and-set on the version just read. Moving or deleting a tag first queues the
 * manifest it pointed at for review, as it may now be untagged.
 */
public final class Tags {
    private static final int ATTEMPTS = 16;
    private static final int SCAN_PAGE = 500;

    private final MetadataStore metadata;
    private final GcQueue gc;

    public Tags(MetadataStore metadata, GcQueue gc) {
        this.metadata = metadata;
        this.gc = gc;
    }

    public Optional<Digest> resolve(RepositoryName repo, Tag tag) {
        return metadata.getTag(repo, tag).map(Versioned::value);
    }

    /** Points {@code tag} at {@code digest}; concurrent writers are ordered by the store, the last one wins. */
    public void point(RepositoryName repo, Tag tag, Digest digest) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<Digest>> current = metadata.getTag(repo, tag);
            if (current.isPresent() && current.get().value().equals(digest)) {
                return;
            }
            current.ifPresent(previous -> gc.reviewManifest(repo, previous.value()));
            try {
                metadata.putTag(repo, tag, digest, current.map(Versioned::version).orElse(Versioned.ABSENT));
                return;
            } catch (VersionConflictException raced) {
                // another push moved the tag; read it again
            }
        }
        throw new RegistryException(ErrorCode.TOO_MANY_REQUESTS, "tag " + tag + " is contended; retry");
    }

    /** Deletes a tag; false when it did not exist. */
    public boolean delete(RepositoryName repo, Tag tag) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<Digest>> current = metadata.getTag(repo, tag);
            if (current.isEmpty()) {
                return false;
            }
            gc.reviewManifest(repo, current.get().value());
            try {
                metadata.deleteTag(repo, tag, current.get().version());
                return true;
            } catch (VersionConflictException raced) {
                // moved meanwhile; read it again
            }
        }
        throw new RegistryException(ErrorCode.TOO_MANY_REQUESTS, "tag " + tag + " is contended; retry");
    }

    /** The tags of {@code repo} that point at {@code digest}. */
    public List<TagEntry> pointingAt(RepositoryName repo, Digest digest) {
        List<TagEntry> out = new ArrayList<>();
        Tag after = null;
        while (true) {
            List<TagEntry> page = metadata.listTags(repo, after, SCAN_PAGE);
            for (TagEntry entry : page) {
                if (entry.digest().equals(digest)) {
                    out.add(entry);
                }
            }
            if (page.size() < SCAN_PAGE) {
                return out;
            }
            after = page.getLast().tag();
        }
    }
}
