package io.flotilla.chaos.cluster;

import io.flotilla.chaos.db.LocalCluster;
import java.util.Map;

/** What every cluster test class shares: how its cluster is started. */
final class Clusters {

    static final String METADATA = System.getProperty("flotilla.chaos.metadata", "cassandra");
    static final String BLOBS = System.getProperty("flotilla.chaos.blobs", "rados");

    private Clusters() {
    }

    /** A cluster of {@code nodes} named after the test class, up and behind the balancer, with extra settings. */
    static LocalCluster start(Class<?> testClass, int nodes, Map<String, String> env) {
        LocalCluster cluster = new LocalCluster(testClass.getSimpleName())
                // A stopping node waits this long for the balancer to notice; 1 s keeps teardown short here.
                .withEnv("FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "1");
        env.forEach(cluster::withEnv);
        cluster.up(nodes, METADATA, BLOBS);
        return cluster;
    }

    /**
     * Merge runs every 2 s, not 10: a healed grid becomes one cluster within seconds, so a test that cuts
     * and heals it does not wait half a minute.
     */
    static Map<String, String> fastMerge() {
        return Map.of("FLOTILLA_CLUSTER_MERGE_FIRST_RUN_DELAY_SECONDS", "2",
                "FLOTILLA_CLUSTER_MERGE_INTERVAL_SECONDS", "2");
    }
}
