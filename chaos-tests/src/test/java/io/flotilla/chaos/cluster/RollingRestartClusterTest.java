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
import io.flotilla.chaos.workload.ChunkedUpload;
import io.flotilla.chaos.workload.ImageWorkload;
import io.flotilla.chaos.workload.Ledger;
import io.flotilla.chaos.workload.WorkloadSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every node is restarted in turn (SIGTERM, start, next) while four clients push layers of 1–64 MiB, push
 * manifests, move tags and pull, and a slow 1 GiB pull runs throughout (it is let go at full speed after the last
 * restart). Clients retry at most 3 times within
 * 2 s; no operation may fail after that, the pull must finish byte-exact by resuming with Range requests, and
 * everything acknowledged must be readable at the end.
 */
class RollingRestartClusterTest {

    private static final String REPO = "chaos/rolling";
    /**
     * Four clients, each moving its own tag, push layers of 1-64 MiB whole: an upload session outliving its node
     * is KillMidUploadClusterTest's subject, not this test's.
     */
    private static final WorkloadSettings SETTINGS = new WorkloadSettings(REPO, 4, 1L << 20, 64L << 20, 0, false, 42);
    private static final long BIG = 1L << 30;
    private static final int CHUNK = 64 << 20;
    /**
     * Slow enough that the pull outlasts every restart (1 GiB takes 256 s; three restarts took 72-82 s here, more on
     * a loaded box), so the node serving it is certainly restarted while it runs and its connection is cut.
     */
    private static final long PULL_RATE = 4L << 20;
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3, Map.of(
            // Long enough for the balancer (two failed checks 500 ms apart) to stop sending requests.
            "FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "2",
            // Short, so a stopping node cuts long pulls and the client has to resume them.
            "FLOTILLA_SERVER_DRAIN_SECONDS", "3"));

    private final LocalCluster cluster = CLUSTER.get();
    private final OciClient client = CLUSTER.client(Duration.ofMinutes(2));
    private final Retry retry = new Retry();

    @Test
    void restartingEveryNodeUnderTrafficFailsNoOperation() throws Exception {
        URI endpoint = cluster.endpoint();
        SeededContent big = new SeededContent(1, BIG);
        pushChunked(endpoint, big);

        ResumablePull puller = new ResumablePull(retry, PULL_RATE, CLUSTER.auth());
        CompletableFuture<ResumablePull.Result> pull = CompletableFuture.supplyAsync(() -> {
            try {
                return puller.pull(endpoint, REPO, big.digest(), BIG);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        ImageWorkload workload = new ImageWorkload(client, endpoint, retry, SETTINGS);
        Ledger ledger = workload.ledger();
        long restartsStart = System.nanoTime();
        try {
            Thread.sleep(3_000);
            for (ClusterNode node : cluster.nodes()) {
                restart(node.name());
            }
            Thread.sleep(3_000);
        } finally {
            workload.close();
            puller.release();
        }
        long restartsMillis = (System.nanoTime() - restartsStart) / 1_000_000;
        ResumablePull.Result pulled = pull.get();

        System.out.printf("rolling restart: 3 nodes in %d ms; %d operations, %d failed, %d wrong answers, %d retries, "
                        + "longest stall %d ms (slowest operation %d ms); 1 GiB pull resumed %d times%n", restartsMillis,
                ledger.operations(), ledger.failures().size(), ledger.violations().size(), retry.retries(),
                retry.longestStall().toMillis(), ledger.slowest().toMillis(), pulled.resumes());
        assertEquals(List.of(), ledger.failures());
        assertEquals(List.of(), ledger.violations());
        assertTrue(ledger.operations() > 0, "no traffic ran");
        assertEquals(big.digest(), pulled.digest(), "the 1 GiB pull");
        assertTrue(pulled.resumes() > 0, "the slow pull was never cut, so resuming went untested");
        // Every blob from some node, and every client's tag, on every node, naming what it was last moved to.
        assertEquals(List.of(), workload.readBack(cluster.nodes().stream().map(ClusterNode::http).toList()));
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

    /** Before any fault, so every step must succeed at once. */
    private void pushChunked(URI endpoint, SeededContent content) {
        ChunkedUpload upload = new ChunkedUpload(client, REPO, content,
                client.uploadUrl(endpoint, client.startUpload(endpoint, REPO)));
        while (!upload.done()) {
            OciResponse patched = upload.patch(endpoint, CHUNK);
            assertEquals(202, patched.status(), patched.toString());
        }
        assertEquals(201, upload.complete(endpoint).status());
    }
}
