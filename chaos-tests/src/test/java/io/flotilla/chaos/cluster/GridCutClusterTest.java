package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.Await;
import io.flotilla.chaos.client.ClusterView;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole grid is cut (every node a cluster of one, without quorum) under continuous traffic through the
 * balancer, then healed. HTTP and the backends stay up, so the registry must stay available, not just
 * correct: with a patient client's retries, no operation fails.
 */
class GridCutClusterTest {

    private static final int WORKERS = 4;
    private static final Duration BEFORE = Duration.ofSeconds(3);
    private static final Duration CUT = Duration.ofSeconds(15);
    private static final Duration AFTER = Duration.ofSeconds(5);
    private static LocalCluster cluster;
    private static List<URI> nodes;
    private final OciClient client = new OciClient(Duration.ofMinutes(2));

    @BeforeAll
    static void up() {
        cluster = Clusters.start(GridCutClusterTest.class, 3, Clusters.fastMerge());
        nodes = cluster.nodes().stream().map(n -> n.http()).toList();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void trafficThroughACutGridLosesNoOperation() throws Exception {
        Retry retry = new Retry();
        Ledger ledger = new Ledger();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder ops = new LongAdder();
        URI endpoint = cluster.endpoint();
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            for (int i = 0; i < WORKERS; i++) {
                running.add(pool.submit(new TrafficWorker(i, client, endpoint, retry, ledger, stop, ops)));
            }
            Thread.sleep(BEFORE.toMillis());
            cluster.cutGrid();
            Await.until("every node alone", Duration.ofSeconds(30),
                    () -> views().stream().allMatch(v -> v.members() == 1), () -> views().toString());
            long opsAtCut = ops.sum();
            Thread.sleep(CUT.toMillis());
            long opsDuringCut = ops.sum() - opsAtCut;
            cluster.heal();
            Thread.sleep(AFTER.toMillis());
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            System.out.println("grid-cut: ops=" + ops.sum() + " (" + opsDuringCut + " while cut) retries=" + retry.retries()
                    + " failed=" + retry.failures() + " longestStall=" + retry.longestStall().toMillis() + "ms blobs="
                    + ledger.blobs().size());
        }
        assertEquals(List.of(), ledger.violations(), "wrong answers during the run");
        assertEquals(0, retry.failures(), "operations that failed even after retries");
        assertTrue(ledger.blobs().size() > WORKERS, "the workload hardly ran: " + ledger.blobs().size() + " blobs");

        Await.until("the healed grid is one cluster with quorum", Duration.ofSeconds(90),
                () -> views().stream().allMatch(v -> v.members() == 3 && v.quorum()), () -> views().toString());
        everyAcknowledgedBlobReadsBack(ledger);
        everyTagNamesAManifestSentToIt(ledger);
    }

    /** Each blob from one node, taking the nodes in turn, so every node serves a third of them. */
    private void everyAcknowledgedBlobReadsBack(Ledger ledger) {
        int i = 0;
        for (Map.Entry<String, Long> blob : ledger.blobs().entrySet()) {
            URI node = nodes.get(i++ % nodes.size());
            OciResponse read = client.getBlobDigest(node, TrafficWorker.repo(), blob.getKey());
            assertEquals(200, read.status(), blob.getKey() + " from " + node);
            assertEquals(blob.getValue(), read.bodyLength(), "length of " + blob.getKey() + " from " + node);
            assertEquals(Optional.of(blob.getKey()), read.bodyDigest(), "bytes of " + blob.getKey() + " from " + node);
        }
    }

    /** Every node names, for each tag, a manifest sent to that tag; and, once merged, the same one. */
    private void everyTagNamesAManifestSentToIt(Ledger ledger) {
        for (String tag : ledger.tags()) {
            List<String> answers = new ArrayList<>();
            for (URI node : nodes) {
                OciResponse got = client.getManifest(node, TrafficWorker.repo(), tag);
                assertEquals(200, got.status(), tag + " on " + node + ": " + got);
                String digest = SeededContent.sha256(new ByteArrayInputStream(got.body()));
                assertTrue(ledger.wasSentTo(tag, digest), tag + " on " + node + " names " + digest + ", never sent to it");
                answers.add(digest);
            }
            assertEquals(1, answers.stream().distinct().count(), "nodes disagree on " + tag + ": " + answers);
        }
    }

    private List<ClusterView> views() {
        return nodes.stream().map(n -> ClusterView.of(client, n)).toList();
    }
}
