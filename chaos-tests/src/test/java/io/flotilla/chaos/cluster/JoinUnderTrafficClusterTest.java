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
import io.flotilla.chaos.workload.ImageWorkload;
import io.flotilla.chaos.workload.Ledger;
import io.flotilla.chaos.workload.WorkloadSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A third node joins two that serve steady traffic through the balancer. Clients retry as {@link Retry}
 * allows (3 times, 2 s in all) and must then see no failure; the new node must take a share of the traffic.
 */
class JoinUnderTrafficClusterTest {

    private static final String REPO = "chaos/join";
    /** Three clients push small images whole (4-64 KiB layers), each moving its own tag. */
    private static final WorkloadSettings SETTINGS = new WorkloadSettings(REPO, 3, 4096, 64 << 10, 0, false, 11);
    private static final Duration BEFORE_JOIN = Duration.ofSeconds(3);
    private static final Duration AFTER_JOIN = Duration.ofSeconds(10);
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(2);

    private final LocalCluster cluster = CLUSTER.get();
    // A request that hangs (one did, 30 s, while the grid migrated partitions) times out here and is retried.
    private final OciClient client = CLUSTER.client(Duration.ofSeconds(10));
    private final Retry retry = new Retry();

    @Test
    void aNodeJoinsUnderTrafficWithoutAFailedOperationAndTakesRequests() throws Exception {
        ImageWorkload workload = new ImageWorkload(client, cluster.endpoint(), retry, SETTINGS);
        Ledger ledger = workload.ledger();
        String added;
        long servedAfterJoin;
        try {
            Thread.sleep(BEFORE_JOIN.toMillis());
            long joinStart = System.nanoTime();
            added = cluster.add();
            System.out.printf("join: %s ready and behind the balancer in %d ms%n", added,
                    (System.nanoTime() - joinStart) / 1_000_000);
            URI newNode = cluster.status().node(added).http();
            long before = new NodeCounters(client).registryRequests(newNode);
            Thread.sleep(AFTER_JOIN.toMillis());
            servedAfterJoin = new NodeCounters(client).registryRequests(newNode) - before;
        } finally {
            workload.close();
        }
        System.out.printf("join: %d operations, %d failed, %d wrong answers, %d retries, longest stall %d ms, "
                        + "new node served %d requests%n", ledger.operations(), ledger.failures().size(),
                ledger.violations().size(), retry.retries(), retry.longestStall().toMillis(), servedAfterJoin);

        assertEquals(List.of(), ledger.failures(), ledger.failures().size() + " of " + ledger.operations()
                + " operations failed");
        assertEquals(List.of(), ledger.violations(), "wrong answers during the run");
        assertTrue(ledger.operations() > 0, "no traffic ran");
        assertTrue(servedAfterJoin > 0, added + " served no registry request in " + AFTER_JOIN);
        assertEquals(List.of("node1", "node2", added),
                cluster.nodes().stream().filter(ClusterNode::running).map(ClusterNode::name).toList());
        assertEquals(List.of(), workload.readBack(cluster.nodes().stream().map(ClusterNode::http).toList()),
                "acknowledged writes read back from every node, the new one included");
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
}
