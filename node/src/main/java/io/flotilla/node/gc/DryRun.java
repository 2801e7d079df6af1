package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Versioned;
import io.flotilla.storage.spi.WorkItem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the collector would delete if every due review ran now, over every partition of the cluster, read-only.
 * Blobs are listed when their next step is a mark, a purge or the deletion itself; manifests when the
 * untagged or referrer rule would delete them.
 */
public final class DryRun {

    /** One thing that would go. */
    public record Candidate(String kind, String name, String state, long size) {
    }

    /** The report: what would go (at most the limit), and how many due items were looked at. */
    public record Report(List<Candidate> wouldDelete, int reviewed, boolean truncated) {
    }

    private final MetadataStore metadata;
    private final BlobReview blobs;
    private final ManifestReview manifests;
    private final GcQueue queue;
    private final Clock clock;

    DryRun(MetadataStore metadata, BlobReview blobs, ManifestReview manifests, GcQueue queue, Clock clock) {
        this.metadata = metadata;
        this.blobs = blobs;
        this.manifests = manifests;
        this.queue = queue;
        this.clock = clock;
    }

    public Report run(int limit) {
        Instant now = clock.instant();
        List<Candidate> out = new ArrayList<>();
        int reviewed = 0;
        for (int p = 0; p < GcQueue.PARTITIONS && out.size() < limit; p++) {
            for (WorkItem item : metadata.dueItems(GcQueue.NAME, p, now, limit)) {
                reviewed++;
                candidate(item).ifPresent(out::add);
                if (out.size() == limit) {
                    return new Report(out, reviewed, true);
                }
            }
        }
        return new Report(out, reviewed, false);
    }

    private Optional<Candidate> candidate(WorkItem item) {
        Digest blob = GcQueue.blobOf(item);
        if (blob != null) {
            Optional<Versioned<BlobRecord>> row = metadata.getBlob(blob);
            return blobs.verdictOf(blob, row).deletes()
                    ? Optional.of(new Candidate("blob", blob.toString(), row.get().value().state().name().toLowerCase(),
                            row.get().value().size()))
                    : Optional.empty();
        }
        GcQueue.ManifestSubject subject = GcQueue.manifestOf(item);
        if (subject == null) {
            return Optional.empty();
        }
        Optional<ManifestRecord> manifest = metadata.getManifest(subject.repo(), subject.digest());
        Instant untaggedSince = item.dueAt().minus(queue.delay());
        return manifest.filter(m -> manifests.decide(m, untaggedSince) == ManifestReview.Decision.DELETE)
                .map(m -> new Candidate("manifest", subject.toString(), "live", m.content().length));
    }
}
