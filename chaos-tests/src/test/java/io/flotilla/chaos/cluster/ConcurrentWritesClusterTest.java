package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every node writes the same thing at the same moment: the cluster must end with one answer everywhere. */
class ConcurrentWritesClusterTest {

    private static final String REPO = "chaos/concurrent";
    private static final int THREADS_PER_NODE = 4;
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3);

    private final LocalCluster cluster = CLUSTER.get();
    private final List<URI> nodes = CLUSTER.nodeUrls();
    // Basic credentials on every request, where the other cluster tests use tokens: many concurrent writers
    // then also exercise the nodes' cached password checks.
    private final OciClient client = new OciClient(RegistryAuth.basic(cluster.credentials()));

    @Test
    void theSameBlobPushedFromEveryNodeAtOnceIsOneBlob() throws Exception {
        SeededContent content = new SeededContent(5, 4 * 1024 * 1024 + 7);
        byte[] bytes = content.bytes();
        List<OciResponse> pushes = atOnce(node -> client.pushBlob(node, REPO, bytes));
        for (OciResponse push : pushes) {
            assertEquals(201, push.status(), push.toString());
            assertEquals(Optional.of(content.digest()), push.dockerContentDigest());
        }
        for (URI node : nodes) {
            OciResponse head = client.headBlob(node, REPO, content.digest());
            assertEquals(200, head.status(), "HEAD on " + node);
            assertEquals(Optional.of(Long.toString(content.size())), head.header("Content-Length"), "HEAD on " + node);
            assertEquals(Optional.of(content.digest()), client.getBlobDigest(node, REPO, content.digest()).bodyDigest());
        }
    }

    @Test
    void theSameTagPushedFromEveryNodeAtOnceEndsAsOneOfThem() throws Exception {
        byte[] layer = new SeededContent(6, 1024).bytes();
        assertEquals(201, client.pushBlob(cluster.endpoint(), REPO, layer).status());
        for (int round = 0; round < 3; round++) {
            String tag = "race-" + round;
            // One distinct manifest per writer, its config pushed beforehand so only the tag is contended.
            List<byte[]> manifests = new ArrayList<>();
            Set<String> digests = new HashSet<>();
            for (int i = 0; i < nodes.size() * THREADS_PER_NODE; i++) {
                byte[] config = ImageManifest.config(tag + "-" + i);
                assertEquals(201, client.pushBlob(cluster.endpoint(), REPO, config).status());
                byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                        List.of(Descriptor.of(Descriptor.LAYER, layer)));
                manifests.add(manifest);
                digests.add(SeededContent.sha256(new ByteArrayInputStream(manifest)));
            }
            long start = System.nanoTime();
            List<OciResponse> puts = atOnceEach(manifests,
                    (node, manifest) -> client.pushManifest(node, REPO, tag, manifest, ImageManifest.MEDIA_TYPE));
            long created = puts.stream().filter(r -> r.status() == 201).count();
            System.out.printf("tag race %d: %d of %d PUTs created, statuses %s, %d ms%n", round, created, puts.size(),
                    puts.stream().map(OciResponse::status).toList(), (System.nanoTime() - start) / 1_000_000);
            for (OciResponse put : puts) {
                assertTrue(put.status() == 201 || put.isCleanOciError(), "round " + round + ": " + put);
            }
            assertTrue(created > 0, "round " + round + ": no PUT succeeded");

            String winner = null;
            for (URI node : nodes) {
                OciResponse got = client.getManifest(node, REPO, tag);
                assertEquals(200, got.status(), "GET " + tag + " on " + node);
                String digest = got.dockerContentDigest().orElseThrow();
                assertEquals(digest, SeededContent.sha256(new ByteArrayInputStream(got.body())), "body matches digest");
                assertTrue(digests.contains(digest), "round " + round + ": " + node + " answers " + digest
                        + ", which nobody pushed");
                if (winner == null) {
                    winner = digest;
                }
                assertEquals(winner, digest, "round " + round + ": nodes disagree on " + tag);
            }
        }
    }

    /** Runs {@code write} THREADS_PER_NODE times on every node, all released at the same moment. */
    private List<OciResponse> atOnce(NodeWrite write) throws Exception {
        return atOnceEach(Collections.nCopies(nodes.size() * THREADS_PER_NODE, 0), (node, ignored) -> write.on(node));
    }

    /** Runs one write per item, item i on node i % 3, all released at the same moment. */
    private <T> List<OciResponse> atOnceEach(List<T> items, ItemWrite<T> write) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OciResponse>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(items.size())) {
            for (int i = 0; i < items.size(); i++) {
                URI node = nodes.get(i % nodes.size());
                T item = items.get(i);
                Callable<OciResponse> task = () -> {
                    go.await();
                    return write.on(node, item);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<OciResponse> responses = new ArrayList<>();
            for (Future<OciResponse> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    @FunctionalInterface
    private interface NodeWrite {
        OciResponse on(URI node);
    }

    @FunctionalInterface
    private interface ItemWrite<T> {
        OciResponse on(URI node, T item);
    }
}
