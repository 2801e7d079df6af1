package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.ResumablePull;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.db.ClusterNode;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import io.flotilla.chaos.workload.ImageWorkload;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every node is restarted in turn (SIGTERM, start, next) while four clients push layers of 1–64 MiB, push
 * manifests, move tags and pull, and a slow 1 GiB pull runs throughout. Clients retry at most 3 times within
 * 2 s; no operation may fail after that, the pull must finish byte-exact by resuming with Range requests, and
 * everything acknowledged must be readable at the end.
 */
class RollingRestartClusterTest {

    private static final String REPO = "chaos/rolling";
    private static final long BIG = 1L << 30;
    private static final int CHUNK = 64 << 20;
    /** Slow enough that the pull spans several restarts, so its connection is cut while it runs. */
    private static final long PULL_RATE = 16L << 20;
    private static LocalCluster cluster;
    private final OciClient client = new OciClient(Duration.ofMinutes(2));
    private final Retry retry = new Retry();

    @BeforeAll
    static void up() {
        cluster = new LocalCluster(RollingRestartClusterTest.class.getSimpleName())
                // Long enough for the balancer (two failed checks 500 ms apart) to stop sending requests.
                .withEnv("FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "2")
                // Short, so a stopping node cuts long pulls and the client has to resume them.
                .withEnv("FLOTILLA_SERVER_DRAIN_SECONDS", "3");
        cluster.up(3, Clusters.METADATA, Clusters.BLOBS);
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void restartingEveryNodeUnderTrafficFailsNoOperation() throws Exception {
        URI endpoint = cluster.endpoint();
        SeededContent big = new SeededContent(1, BIG);
        pushChunked(endpoint, big);

        ResumablePull puller = new ResumablePull(retry, PULL_RATE);
        CompletableFuture<ResumablePull.Result> pull = CompletableFuture.supplyAsync(() -> {
            try {
                return puller.pull(endpoint, REPO, big.digest(), BIG);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        ImageWorkload workload = new ImageWorkload(client, endpoint, REPO, retry, 4, 1L << 20, 64L << 20, 42);
        long restartsStart = System.nanoTime();
        try {
            Thread.sleep(3_000);
            for (ClusterNode node : cluster.nodes()) {
                restart(node.name());
            }
            Thread.sleep(3_000);
        } finally {
            workload.close();
        }
        long restartsMillis = (System.nanoTime() - restartsStart) / 1_000_000;
        ResumablePull.Result pulled = pull.get();

        System.out.printf("rolling restart: 3 nodes in %d ms; %d operations, %d failed, %d retries, longest stall "
                        + "%d ms; 1 GiB pull resumed %d times%n", restartsMillis, workload.operations(),
                workload.failures().size(), retry.retries(), retry.longestStall().toMillis(), pulled.resumes());
        assertEquals(List.of(), workload.failures());
        assertTrue(workload.operations() > 0, "no traffic ran");
        assertEquals(big.digest(), pulled.digest(), "the 1 GiB pull");
        assertTrue(pulled.resumes() > 0, "the slow pull was never cut, so resuming went untested");
        assertEverythingAcknowledgedIsThere(workload.layers(), workload.tags());
    }

    /** SIGTERM, wait for the process to exit, start it, wait for the balancer to route to it again. */
    private void restart(String node) throws InterruptedException {
        cluster.stop(node);
        awaitNode(node, n -> !n.running(), "exit");
        cluster.start(node);
        awaitNode(node, n -> n.lbState().startsWith("UP"), "be UP in the balancer");
    }

    private void awaitNode(String name, Predicate<ClusterNode> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.test(cluster.status().node(name))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not " + what + " within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private void assertEverythingAcknowledgedIsThere(Map<String, Long> layers, Map<String, String> tags) {
        List<URI> nodes = cluster.nodes().stream().map(ClusterNode::http).toList();
        int i = 0;
        for (Map.Entry<String, Long> layer : layers.entrySet()) {
            URI node = nodes.get(i++ % nodes.size());
            OciResponse read = client.getBlobDigest(node, REPO, layer.getKey());
            assertEquals(200, read.status(), "layer " + layer.getKey() + " from " + node);
            assertEquals(Optional.of(layer.getKey()), read.bodyDigest(), "layer bytes from " + node);
            assertEquals(layer.getValue(), read.bodyLength());
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            for (URI node : nodes) {
                OciResponse read = client.getManifest(node, REPO, tag.getKey());
                assertEquals(Optional.of(tag.getValue()), read.dockerContentDigest(), "tag " + tag.getKey() + " on " + node);
            }
        }
    }

    private void pushChunked(URI endpoint, SeededContent content) {
        URI upload = client.uploadUrl(endpoint, client.startUpload(endpoint, REPO));
        for (long offset = 0; offset < content.size(); offset += CHUNK) {
            long from = offset;
            int length = (int) Math.min(CHUNK, content.size() - offset);
            OciResponse patched = client.patch(upload, from, length, () -> content.open(from, length));
            assertEquals(202, patched.status(), patched.toString());
            upload = patched.location(endpoint);
        }
        assertEquals(201, client.complete(upload, content.digest(), null).status());
    }
}
