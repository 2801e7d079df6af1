package io.flotilla.chaos.cluster;

import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.db.LocalCluster;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every cluster test class shares: how its cluster is started, and what a clean OCI error looks like. */
final class Clusters {

    static final String METADATA = System.getProperty("flotilla.chaos.metadata", "cassandra");
    static final String BLOBS = System.getProperty("flotilla.chaos.blobs", "rados");
    private static final Pattern OCI_ERROR = Pattern.compile("\\{\\s*\"errors\"\\s*:\\s*\\[\\s*\\{.*\"code\"\\s*:\\s*\"[A-Z_]+\".*",
            Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    private Clusters() {
    }

    /** A cluster of {@code nodes} named after the test class, up and behind the balancer. */
    static LocalCluster start(Class<?> testClass, int nodes) {
        return start(testClass, nodes, Map.of());
    }

    /** The same, with extra FLOTILLA_* settings for every node. */
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

    /** The error code of a clean OCI error ({@code BLOB_UPLOAD_UNKNOWN}, ...), else empty. */
    static Optional<String> ociErrorCode(OciResponse res) {
        if (!isCleanOciError(res)) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(res.text());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A 4xx or 5xx whose body is the spec's error envelope with a code. */
    static boolean isCleanOciError(OciResponse res) {
        return res.status() >= 400 && OCI_ERROR.matcher(res.text()).matches();
    }
}
