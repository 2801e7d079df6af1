package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.Await;
import io.flotilla.chaos.client.ClusterView;
import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import io.flotilla.chaos.workload.ChunkedUpload;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * node3 is cut off from the grid (HTTP and the backends stay open) while clients go on using it: the
 * minority keeps reading, its writes stay correct against the majority's, an upload spanning the split ends
 * cleanly, and once healed the grid is one cluster again with every partition owned once.
 */
class SplitBrainClusterTest {

    private static final String REPO = "chaos/split";
    private static final int CHUNK = 1024 * 1024;
    private static final Duration SPLIT_SEEN = Duration.ofSeconds(60);
    private static final Duration MERGED = Duration.ofSeconds(90);
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3, Clusters.fastMerge());

    private final LocalCluster cluster = CLUSTER.get();
    private final List<URI> nodes = CLUSTER.nodeUrls();
    private final OciClient client = CLUSTER.client();
    /** Every blob a PUT acknowledged (201), by digest: each must read back byte-exact from every node. */
    private final Map<String, Long> committed = new LinkedHashMap<>();

    @Test
    void theMinorityStaysCorrectAndTheHealedGridOwnsEveryPartitionOnce() {
        URI node1 = nodes.get(0);
        URI node3 = nodes.get(2);
        Image before = pushImage(node1, "before", "v1");
        SpanningUpload spanning = new SpanningUpload(client, node1, REPO, new SeededContent(31, 8L * CHUNK + 99), CHUNK);
        for (int i = 0; i < 3; i++) {
            spanning.patch(nodes.get(i % 3));
        }
        assertEquals(3L * CHUNK, spanning.offset(), "the spanning upload's first chunks, before the split");

        cluster.isolate("node3");
        Duration split = awaitSplit();
        System.out.println("split-brain: node3 alone, seen in " + split.toMillis() + " ms");

        readsKeepWorking(node3, before);
        String contested = "contested";
        Map<String, String> contenders = competeForTag(node3, node1, contested);
        for (int i = 0; i < 4; i++) {
            spanning.patch(i % 2 == 0 ? node3 : node1);
        }

        cluster.heal();
        Duration merged = Await.until("all three nodes see three members with quorum", MERGED,
                () -> views().stream().allMatch(v -> v.members() == 3 && v.quorum()), () -> views().toString());
        System.out.println("split-brain: merged " + merged.toMillis() + " ms after heal");

        everyPartitionHasOneOwner();
        oneDigestForTheTag(contested, contenders);
        OciResponse done = spanning.complete(nodes.get(1));
        assertTrue(done.status() == 201 || ChunkedUpload.isUploadUnknown(done),
                "the upload spanning the split neither completed nor was unknown: " + done
                        + " (PATCH statuses " + spanning.steps() + ")");
        if (done.status() == 201) {
            committed.put(done.dockerContentDigest().orElseThrow(), 8L * CHUNK + 99);
        }
        System.out.println("split-brain: spanning upload " + (done.status() == 201 ? "completed" : "unknown after heal")
                + "; PATCH statuses " + spanning.steps());
        pushImage(nodes.get(1), "after", "v2");
        everyCommittedBlobReadsBackEverywhere();
    }

    /** node3 alone without quorum, node1 and node2 together with it. */
    private Duration awaitSplit() {
        return Await.until("node3 alone without quorum, node1+node2 a quorate pair", SPLIT_SEEN, () -> {
            List<ClusterView> v = views();
            return v.get(2).members() == 1 && !v.get(2).quorum()
                    && v.get(0).members() == 2 && v.get(0).quorum()
                    && v.get(1).members() == 2 && v.get(1).quorum();
        }, () -> views().toString());
    }

    private void readsKeepWorking(URI minority, Image image) {
        for (String reference : List.of(image.tag(), image.manifestDigest())) {
            OciResponse got = client.getManifest(minority, REPO, reference);
            assertEquals(200, got.status(), "manifest " + reference + " on the minority: " + got);
            assertEquals(image.manifestDigest(), SeededContent.sha256(new ByteArrayInputStream(got.body())),
                    "manifest bytes of " + reference + " on the minority");
        }
        OciResponse layer = client.getBlobDigest(minority, REPO, image.layerDigest());
        assertEquals(200, layer.status(), "layer on the minority");
        assertEquals(Optional.of(image.layerDigest()), layer.bodyDigest(), "layer bytes on the minority");
    }

    /**
     * Both sides push their own image and then, at the same moment, their manifest to one tag. Each tag PUT
     * succeeds or answers a clean OCI error; answers the contenders' manifest digests by the side that pushed.
     */
    private Map<String, String> competeForTag(URI minority, URI majority, String tag) {
        Image mine = pushImage(minority, "minority", "minority-own");
        Image theirs = pushImage(majority, "majority", "majority-own");
        CompletableFuture<OciResponse> a = CompletableFuture.supplyAsync(
                () -> client.pushManifest(minority, REPO, tag, mine.manifest(), ImageManifest.MEDIA_TYPE));
        CompletableFuture<OciResponse> b = CompletableFuture.supplyAsync(
                () -> client.pushManifest(majority, REPO, tag, theirs.manifest(), ImageManifest.MEDIA_TYPE));
        int created = 0;
        for (OciResponse put : List.of(a.join(), b.join())) {
            assertTrue(put.status() == 201 || put.isCleanOciError(), "contested tag PUT: " + put);
            created += put.status() == 201 ? 1 : 0;
        }
        assertTrue(created > 0, "neither side could move the tag");
        return Map.of("minority", mine.manifestDigest(), "majority", theirs.manifestDigest());
    }

    private void oneDigestForTheTag(String tag, Map<String, String> contenders) {
        List<String> answers = new ArrayList<>();
        for (URI node : nodes) {
            OciResponse got = client.getManifest(node, REPO, tag);
            assertEquals(200, got.status(), tag + " on " + node + ": " + got);
            answers.add(SeededContent.sha256(new ByteArrayInputStream(got.body())));
        }
        assertTrue(contenders.containsValue(answers.get(0)), "the tag names a manifest nobody pushed to it: " + answers);
        assertEquals(List.of(answers.get(0), answers.get(0), answers.get(0)), answers, "nodes disagree on " + tag);
    }

    /**
     * The partitions' owners add up to the partition count, and ~200 random keys have the same owner on every
     * node. Migrations after a merge take a moment, so this is waited for (bounded), not sampled once.
     */
    private void everyPartitionHasOneOwner() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> "key-" + random.nextLong()).toList();
        Duration took = Await.until("every partition owned exactly once, and every key's owner agreed", MERGED, () -> {
            List<ClusterView> v = views();
            int owned = v.stream().mapToInt(ClusterView::ownedPartitions).sum();
            if (owned != v.get(0).partitionCount()) {
                return false;
            }
            for (String key : keys) {
                Optional<String> owner = ClusterView.of(client, nodes.get(0), key).owner();
                if (owner.isEmpty() || nodes.stream().anyMatch(n -> !ClusterView.of(client, n, key).owner().equals(owner))) {
                    return false;
                }
            }
            return true;
        }, () -> views().toString());
        System.out.println("split-brain: ownership agreed " + took.toMillis() + " ms after the merge");
    }

    private void everyCommittedBlobReadsBackEverywhere() {
        for (Map.Entry<String, Long> blob : committed.entrySet()) {
            for (URI node : nodes) {
                OciResponse read = client.getBlobDigest(node, REPO, blob.getKey());
                assertEquals(200, read.status(), blob.getKey() + " from " + node);
                assertEquals(blob.getValue(), read.bodyLength(), "length of " + blob.getKey() + " from " + node);
                assertEquals(Optional.of(blob.getKey()), read.bodyDigest(), "bytes of " + blob.getKey() + " from " + node);
            }
        }
        System.out.println("split-brain: " + committed.size() + " committed blobs read back from every node");
    }

    private List<ClusterView> views() {
        return nodes.stream().map(n -> ClusterView.of(client, n)).toList();
    }

    /** A config, a 2 MiB layer and their manifest, pushed through {@code node} and tagged there; all must succeed. */
    private Image pushImage(URI node, String label, String tag) {
        byte[] layer = new SeededContent(label.hashCode(), 2L * CHUNK + label.length()).bytes();
        byte[] config = ImageManifest.config(label);
        for (byte[] blob : List.of(layer, config)) {
            OciResponse pushed = client.pushBlob(node, REPO, blob);
            assertEquals(201, pushed.status(), label + " blob through " + node + ": " + pushed);
            committed.put(pushed.dockerContentDigest().orElseThrow(), (long) blob.length);
        }
        Descriptor layerRef = Descriptor.of(Descriptor.LAYER, layer);
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config), List.of(layerRef));
        OciResponse put = client.pushManifest(node, REPO, tag, manifest, ImageManifest.MEDIA_TYPE);
        assertEquals(201, put.status(), label + " manifest through " + node + ": " + put);
        return new Image(tag, SeededContent.sha256(new ByteArrayInputStream(manifest)), layerRef.digest(), manifest);
    }

    private record Image(String tag, String manifestDigest, String layerDigest, byte[] manifest) {
    }
}
