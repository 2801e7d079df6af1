package io.flotilla.chaos.workload;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The check after a run, once faults are healed: every acknowledged blob reads back byte-exact, and every
 * acknowledged tag names, on every node, a manifest the {@link Ledger} allows, the same one everywhere.
 */
final class ReadBack {

    private final OciClient client;
    private final String repo;
    private final Ledger ledger;
    private final boolean exclusiveTags;
    private final List<String> problems = new ArrayList<>();

    ReadBack(OciClient client, String repo, Ledger ledger, boolean exclusiveTags) {
        this.client = client;
        this.repo = repo;
        this.ledger = ledger;
        this.exclusiveTags = exclusiveTags;
    }

    /** Everything wrong, or an empty list. */
    List<String> check(List<URI> nodes) {
        blobs(nodes);
        tags(nodes);
        return List.copyOf(problems);
    }

    /** Each blob from one node, taking the nodes in turn, so every node serves its share. */
    private void blobs(List<URI> nodes) {
        int i = 0;
        for (String digest : ledger.blobs().keySet()) {
            URI node = nodes.get(i++ % nodes.size());
            OciResponse read = client.getBlobDigest(node, repo, digest);
            if (read.status() != 200) {
                problems.add("blob " + digest + " from " + node + ": " + read.status());
            } else {
                ledger.blobReadProblem(digest, read.bodyDigest(), read.bodyLength())
                        .ifPresent(p -> problems.add(p + " from " + node));
            }
        }
    }

    private void tags(List<URI> nodes) {
        for (Map.Entry<String, String> tag : ledger.acknowledgedTags().entrySet()) {
            List<String> answers = new ArrayList<>();
            for (URI node : nodes) {
                OciResponse read = client.getManifest(node, repo, tag.getKey());
                if (read.status() != 200) {
                    problems.add("tag " + tag.getKey() + " on " + node + ": " + read);
                    continue;
                }
                String digest = SeededContent.sha256(new ByteArrayInputStream(read.body()));
                ledger.tagReadProblem(tag.getKey(), digest, exclusiveTags).ifPresent(p -> problems.add(p + " on " + node));
                answers.add(digest);
            }
            if (answers.stream().distinct().count() > 1) {
                problems.add("nodes disagree on tag " + tag.getKey() + ": " + answers);
            }
        }
    }
}
