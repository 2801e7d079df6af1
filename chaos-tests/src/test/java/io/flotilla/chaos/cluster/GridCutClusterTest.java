package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.Await;
import io.flotilla.chaos.client.ClusterView;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.workload.ImageWorkload;
import io.flotilla.chaos.workload.Ledger;
import io.flotilla.chaos.workload.WorkloadSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole grid is cut (every node a cluster of one, without quorum) under continuous traffic through the
 * balancer, then healed. HTTP and the backends stay up, so the registry must stay available, not just
 * correct: with a patient client's retries, no operation fails.
 */
class GridCutClusterTest {

    private static final int MIB = 1 << 20;
    /**
     * Four clients push 1-8 MiB layers in 1 MiB PATCHes (so the steps of one upload may land on different nodes)
     * and move two tags, each shared by two clients.
     */
    private static final WorkloadSettings SETTINGS =
            new WorkloadSettings("chaos/gridcut", 4, MIB, 8L * MIB, MIB, true, 1000);
    private static final Duration BEFORE = Duration.ofSeconds(3);
    private static final Duration CUT = Duration.ofSeconds(15);
    private static final Duration AFTER = Duration.ofSeconds(5);
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3, Clusters.fastMerge());

    private final LocalCluster cluster = CLUSTER.get();
    private final List<URI> nodes = CLUSTER.nodeUrls();
    private final OciClient client = CLUSTER.client(Duration.ofMinutes(2));

    @Test
    void trafficThroughACutGridLosesNoOperation() throws Exception {
        Retry retry = new Retry();
        ImageWorkload workload = new ImageWorkload(client, cluster.endpoint(), retry, SETTINGS);
        Ledger ledger = workload.ledger();
        long opsDuringCut;
        try {
            Thread.sleep(BEFORE.toMillis());
            cluster.cutGrid();
            Await.until("every node alone", Duration.ofSeconds(30),
                    () -> views().stream().allMatch(v -> v.members() == 1), () -> views().toString());
            long opsAtCut = ledger.operations();
            Thread.sleep(CUT.toMillis());
            opsDuringCut = ledger.operations() - opsAtCut;
            cluster.heal();
            Thread.sleep(AFTER.toMillis());
        } finally {
            workload.close();
        }
        System.out.println("grid-cut: ops=" + ledger.operations() + " (" + opsDuringCut + " while cut) retries="
                + retry.retries() + " failed=" + ledger.failures().size() + " longestStall="
                + retry.longestStall().toMillis() + "ms blobs=" + ledger.blobs().size());
        assertEquals(List.of(), ledger.violations(), "wrong answers during the run");
        assertEquals(List.of(), ledger.failures(), "operations that failed even after retries");
        assertEquals(0, retry.failures(), "operations whose last retry still failed");
        assertTrue(ledger.blobs().size() > SETTINGS.clients(), "the workload hardly ran: " + ledger.blobs().size() + " blobs");

        Await.until("the healed grid is one cluster with quorum", Duration.ofSeconds(90),
                () -> views().stream().allMatch(v -> v.members() == 3 && v.quorum()), () -> views().toString());
        // Every blob reads back from some node, and every tag names, on every node, the same manifest sent to it.
        assertEquals(List.of(), workload.readBack(nodes), "acknowledged writes read back after the heal");
    }

    private List<ClusterView> views() {
        return nodes.stream().map(n -> ClusterView.of(client, n)).toList();
    }
}
