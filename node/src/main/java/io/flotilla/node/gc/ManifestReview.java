package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.BlobRef;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.WorkItem;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reviews a manifest that may have lost its last tag or its subject. An untagged referrer (signature, SBOM)
 * whose subject is gone goes with it; any other untagged manifest goes when its repository's policy says so,
 * unless an index references it or it is a referrer of a subject that still exists.
 *
 * <p>Only untagged manifests go, and the collector never deletes a tag. A push may point a tag at the manifest
 * between the check and the delete, so the tags are read again after the delete and a manifest that gained one
 * is put back (the push, for its part, puts the row back if it finds it gone after writing its tag). A pull by
 * digest may miss the manifest for that moment (a pull by tag gets the stored copy), but no tag is left naming
 * nothing: should this node die between the delete and the second look, the item stays due, and the next review
 * finds a tagged manifest without a row and puts it back from its stored copy.
 */
final class ManifestReview {
    private static final Logger LOG = Logger.getLogger(ManifestReview.class.getName());

    /** What the review found. */
    enum Decision { KEEP, WAIT, DELETE }

    private final MetadataStore metadata;
    private final ManifestOperations registry;
    private final UntaggedPolicies policies;
    private final GcQueue queue;
    private final Clock clock;
    private final GcMetrics metrics;
    private final GcFailpoints failpoints;

    ManifestReview(MetadataStore metadata, ManifestOperations registry, UntaggedPolicies policies, GcQueue queue,
                   Clock clock, GcMetrics metrics, GcFailpoints failpoints) {
        this.metadata = metadata;
        this.registry = registry;
        this.policies = policies;
        this.queue = queue;
        this.clock = clock;
        this.metrics = metrics;
        this.failpoints = failpoints;
    }

    void review(WorkItem item, GcQueue.ManifestSubject subject) throws InterruptedException {
        RepositoryName repo = subject.repo();
        Digest digest = subject.digest();
        Optional<ManifestRecord> manifest = registry.manifest(repo, digest);
        if (manifest.isEmpty()) {
            repairDanglingTags(repo, digest);
            metadata.complete(item);
            return;
        }
        Instant untaggedSince = item.dueAt().minus(queue.delay());
        Decision decision = decide(manifest.get(), untaggedSince);
        if (decision == Decision.WAIT) {
            queue.reviewManifestAt(repo, digest, deleteAt(repo, untaggedSince));
            return;
        }
        if (decision == Decision.DELETE) {
            failpoints.reached(GcWindow.BEFORE_MANIFEST_DELETE, digest);
            registry.collect(manifest.get());
            failpoints.reached(GcWindow.BEFORE_TAG_RECHECK, digest);
            if (registry.tagged(repo, digest)) {
                registry.restore(manifest.get());
            } else {
                metrics.manifestDeleted();
            }
        }
        metadata.complete(item);
    }

    /**
     * A tag naming a manifest without a row is this protocol's interrupted delete: the row is put back. Should
     * that be impossible, retrying would not help; the tag stays, and pulls of it answer MANIFEST_UNKNOWN.
     */
    private void repairDanglingTags(RepositoryName repo, Digest digest) {
        if (registry.tagged(repo, digest) && !registry.reinstate(repo, digest)) {
            LOG.warning(() -> "a tag in " + repo + " names " + digest + ", which cannot be put back: its stored"
                    + " copy or a blob it needs is gone");
        }
    }

    /** What should become of {@code manifest}, untagged (if it is) since {@code untaggedSince}. */
    Decision decide(ManifestRecord manifest, Instant untaggedSince) {
        RepositoryName repo = manifest.repo();
        if (manifest.subject() != null) {
            boolean orphaned = registry.manifest(repo, manifest.subject()).isEmpty();
            return orphaned && !registry.tagged(repo, manifest.digest()) ? Decision.DELETE : Decision.KEEP;
        }
        // the policy first: with the default (keep) no review reads the repository's tags
        if (policies.of(repo).keeps() || registry.tagged(repo, manifest.digest()) || heldByAnIndex(manifest)) {
            return Decision.KEEP;
        }
        return clock.instant().isBefore(deleteAt(repo, untaggedSince)) ? Decision.WAIT : Decision.DELETE;
    }

    private Instant deleteAt(RepositoryName repo, Instant untaggedSince) {
        return untaggedSince.plusSeconds(Math.max(0, policies.of(repo).afterHours()) * 3600);
    }

    /** True when another manifest (an index) references this one; its own row's self-reference does not count. */
    private boolean heldByAnIndex(ManifestRecord manifest) {
        List<BlobRef> refs = metadata.listBlobRefs(manifest.digest(), 100);
        return refs.stream().anyMatch(r -> !r.manifest().equals(manifest.digest()));
    }
}
