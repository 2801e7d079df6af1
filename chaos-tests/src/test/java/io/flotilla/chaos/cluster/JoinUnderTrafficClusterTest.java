package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.NodeCounters;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.db.ClusterNode;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third node joins two that serve steady traffic through the balancer. Clients retry as {@link Retry}
 * allows (3 times, 2 s in all) and must then see no failure; the new node must take a share of the traffic.
 */
class JoinUnderTrafficClusterTest {

    private static final String REPO = "chaos/join";
    private static final int WORKERS = 3;
    private static final Duration BEFORE_JOIN = Duration.ofSeconds(3);
    private static final Duration AFTER_JOIN = Duration.ofSeconds(10);
    private static LocalCluster cluster;
    // A request that hangs (one did, 30 s, while the grid migrated partitions) times out here and is retried.
    private final OciClient client = new OciClient(Duration.ofSeconds(10));
    private final Retry retry = new Retry();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void up() {
        cluster = Clusters.start(JoinUnderTrafficClusterTest.class, 2);
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeJoinsUnderTrafficWithoutAFailedOperationAndTakesRequests() throws Exception {
        URI endpoint = cluster.endpoint();
        byte[] layer = new SeededContent(11, 4096).bytes();
        assertEquals(201, client.pushBlob(endpoint, REPO, layer).status());
        List<Future<?>> workers = new ArrayList<>();
        String added;
        long servedAfterJoin;
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> traffic(endpoint, worker, layer)));
            }
            Thread.sleep(BEFORE_JOIN.toMillis());
            long joinStart = System.nanoTime();
            added = cluster.add();
            System.out.printf("join: %s ready and behind the balancer in %d ms%n", added,
                    (System.nanoTime() - joinStart) / 1_000_000);
            URI newNode = cluster.status().node(added).http();
            long before = new NodeCounters(client).registryRequests(newNode);
            Thread.sleep(AFTER_JOIN.toMillis());
            servedAfterJoin = new NodeCounters(client).registryRequests(newNode) - before;
            running.set(false);
            for (Future<?> f : workers) {
                f.get();
            }
        }
        System.out.printf("join: %d operations, %d retries, longest stall %d ms, new node served %d requests%n",
                operations.get(), retry.retries(), retry.longestStall().toMillis(), servedAfterJoin);

        assertEquals(List.of(), failures, failures.size() + " of " + operations.get() + " operations failed");
        assertTrue(operations.get() > 0, "no traffic ran");
        assertTrue(servedAfterJoin > 0, added + " served no registry request in " + AFTER_JOIN);
        assertEquals(List.of("node1", "node2", added),
                cluster.nodes().stream().filter(ClusterNode::running).map(ClusterNode::name).toList());
    }

    @Test
    void theJoinedNodeSharesTheGrid() {
        // Runs after the join above or on its own; either way the newest node writes and another reads.
        List<ClusterNode> nodes = cluster.nodes();
        URI newest = nodes.get(nodes.size() - 1).http();
        URI first = nodes.get(0).http();
        byte[] config = ImageManifest.config("grid-check");
        assertEquals(201, client.pushBlob(newest, REPO, config).status());
        byte[] layer = new SeededContent(12, 100).bytes();
        assertEquals(201, client.pushBlob(newest, REPO, layer).status());
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                List.of(Descriptor.of(Descriptor.LAYER, layer)));
        assertEquals(201, client.pushManifest(newest, REPO, "grid", manifest, ImageManifest.MEDIA_TYPE).status());
        OciResponse read = client.getManifest(first, REPO, "grid");
        assertEquals(200, read.status());
        assertTrue(Arrays.equals(manifest, read.body()));
    }

    /** Push a unique image, then pull it back by tag, until told to stop; every step through the balancer. */
    private void traffic(URI endpoint, int worker, byte[] layer) {
        for (int i = 0; running.get(); i++) {
            String tag = "w" + worker + "-" + i;
            byte[] config = ImageManifest.config(tag);
            byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                    List.of(Descriptor.of(Descriptor.LAYER, layer)));
            String digest = SeededContent.sha256(new ByteArrayInputStream(manifest));
            try {
                expect(tag + " config", 201, retry.call(() -> client.pushBlob(endpoint, REPO, config), JoinUnderTrafficClusterTest::serverError));
                expect(tag + " manifest", 201, retry.call(
                        () -> client.pushManifest(endpoint, REPO, tag, manifest, ImageManifest.MEDIA_TYPE),
                        JoinUnderTrafficClusterTest::serverError));
                OciResponse pulled = retry.call(() -> client.getManifest(endpoint, REPO, tag),
                        JoinUnderTrafficClusterTest::serverError);
                expect(tag + " pull", 200, pulled);
                if (pulled.status() == 200 && !digest.equals(pulled.dockerContentDigest().orElse(""))) {
                    failures.add(tag + " pull answered " + pulled.dockerContentDigest() + ", pushed " + digest);
                }
            } catch (RuntimeException e) {
                failures.add(tag + ": " + e);
            }
            operations.addAndGet(3);
        }
    }

    private void expect(String what, int status, OciResponse res) {
        if (res.status() != status) {
            failures.add(what + ": " + res);
        }
    }

    private static boolean serverError(OciResponse res) {
        return res.status() >= 500;
    }
}
