package io.flotilla.chaos.cluster;

import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.db.LocalCluster;
import java.util.regex.Pattern;

/** What every cluster test class shares: how its cluster is started, and what a clean OCI error looks like. */
final class Clusters {

    static final String METADATA = System.getProperty("flotilla.chaos.metadata", "cassandra");
    static final String BLOBS = System.getProperty("flotilla.chaos.blobs", "rados");
    private static final Pattern OCI_ERROR = Pattern.compile("\\{\\s*\"errors\"\\s*:\\s*\\[\\s*\\{.*\"code\"\\s*:\\s*\"[A-Z_]+\".*",
            Pattern.DOTALL);

    private Clusters() {
    }

    /** A cluster of {@code nodes} named after the test class, up and behind the balancer. */
    static LocalCluster start(Class<?> testClass, int nodes) {
        LocalCluster cluster = new LocalCluster(testClass.getSimpleName())
                // A stopping node waits this long for the balancer to notice; 1 s keeps teardown short here.
                .withEnv("FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "1");
        cluster.up(nodes, METADATA, BLOBS);
        return cluster;
    }

    /** A 4xx or 5xx whose body is the spec's error envelope with a code. */
    static boolean isCleanOciError(OciResponse res) {
        return res.status() >= 400 && OCI_ERROR.matcher(res.text()).matches();
    }
}
