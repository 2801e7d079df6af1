package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.GcState;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.Versioned;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.logging.Logger;

/**
 * The alarm behind the collector: samples tagged manifests at random and checks that every blob they reference
 * has a live row and all its bytes in the blob store. Any miss is counted as "referenced blob missing", which
 * should never happen and is worth waking someone for.
 */
final class ReferenceScrub {
    private static final Logger LOG = Logger.getLogger(ReferenceScrub.class.getName());
    private static final int REPOSITORIES = 1_000;
    private static final int TAGS = 100;

    private final MetadataStore metadata;
    private final BlobStore blobs;
    private final GcMetrics metrics;
    private final RandomGenerator random;

    ReferenceScrub(MetadataStore metadata, BlobStore blobs, GcMetrics metrics, RandomGenerator random) {
        this.metadata = metadata;
        this.blobs = blobs;
        this.metrics = metrics;
        this.random = random;
    }

    /** Checks the references of up to {@code manifests} sampled manifests; returns how many were missing. */
    int sample(int manifests) throws IOException {
        List<RepositoryName> repos = metadata.listRepositories(null, REPOSITORIES);
        int checked = 0;
        int missing = 0;
        for (int i = 0; i < manifests && !repos.isEmpty(); i++) {
            RepositoryName repo = repos.get(random.nextInt(repos.size()));
            List<TagEntry> tags = metadata.listTags(repo, null, TAGS);
            if (tags.isEmpty()) {
                continue;
            }
            TagEntry tag = tags.get(random.nextInt(tags.size()));
            Optional<ManifestRecord> manifest = metadata.getManifest(repo, tag.digest());
            if (manifest.isEmpty()) {
                continue; // the tag moved or went since it was listed
            }
            for (Digest blob : manifest.get().references()) {
                checked++;
                if (!present(blob)) {
                    missing++;
                    LOG.severe("referenced blob missing: " + blob + " of " + repo + ":" + tag.tag());
                }
            }
        }
        metrics.scrubbed(checked, missing);
        return missing;
    }

    private boolean present(Digest digest) throws IOException {
        Optional<BlobRecord> row = metadata.getBlob(digest).map(Versioned::value);
        if (row.isEmpty() || row.get().state() == GcState.PURGING) {
            return false;
        }
        for (Piece piece : row.get().location().pieces()) {
            OptionalLong size = blobs.stat(piece.key());
            if (size.isEmpty() || size.getAsLong() < piece.length()) {
                return false;
            }
        }
        return true;
    }
}
