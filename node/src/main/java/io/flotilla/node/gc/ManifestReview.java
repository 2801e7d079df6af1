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

/**
 * Reviews a manifest that may have lost its last tag or its subject. A referrer (signature, SBOM) whose
 * subject is gone goes with it; an untagged manifest goes when its repository's policy says so, unless an
 * index references it or it is a referrer of a subject that still exists.
 *
 * <p>A push may point a tag at the manifest between the check and the delete. The tags are therefore read
 * again after the delete, and a manifest that gained one is put back: a reader may miss it for that moment,
 * but no tag is left pointing at nothing.
 */
final class ManifestReview {

    /** What the review found. */
    enum Decision { KEEP, WAIT, DELETE }

    private final MetadataStore metadata;
    private final ManifestOperations registry;
    private final UntaggedPolicies policies;
    private final GcQueue queue;
    private final Clock clock;
    private final GcMetrics metrics;

    ManifestReview(MetadataStore metadata, ManifestOperations registry, UntaggedPolicies policies, GcQueue queue, Clock clock,
                   GcMetrics metrics) {
        this.metadata = metadata;
        this.registry = registry;
        this.policies = policies;
        this.queue = queue;
        this.clock = clock;
        this.metrics = metrics;
    }

    void review(WorkItem item, GcQueue.ManifestSubject subject) {
        RepositoryName repo = subject.repo();
        Digest digest = subject.digest();
        Optional<ManifestRecord> manifest = registry.manifest(repo, digest);
        Instant untaggedSince = item.dueAt().minus(queue.delay());
        Decision decision = manifest.map(m -> decide(m, untaggedSince)).orElse(Decision.KEEP);
        if (decision == Decision.WAIT) {
            queue.reviewManifestAt(repo, digest, deleteAt(repo, untaggedSince));
            return;
        }
        if (decision == Decision.DELETE) {
            registry.remove(manifest.get());
            if (registry.tagged(repo, digest)) {
                registry.restore(manifest.get());
            } else {
                metrics.manifestDeleted();
            }
        }
        metadata.complete(item);
    }

    /** What should become of {@code manifest}, untagged (if it is) since {@code untaggedSince}. */
    Decision decide(ManifestRecord manifest, Instant untaggedSince) {
        RepositoryName repo = manifest.repo();
        if (manifest.subject() != null) {
            return registry.manifest(repo, manifest.subject()).isEmpty() ? Decision.DELETE : Decision.KEEP;
        }
        UntaggedPolicy policy = policies.of(repo);
        if (policy.keeps() || registry.tagged(repo, manifest.digest()) || heldByAnIndex(manifest)) {
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
