package io.flotilla.chaos.cluster;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.db.ClusterNode;
import io.flotilla.chaos.db.LocalCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own cluster: started before its first test, named after the class, and taken down (logs kept)
 * after its last. Register it as a static field with {@code @RegisterExtension}.
 */
final class ClusterUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final int nodes;
    private final Map<String, String> env;
    private LocalCluster cluster;

    ClusterUnderTest(int nodes) {
        this(nodes, Map.of());
    }

    /** With extra FLOTILLA_* settings for every node. */
    ClusterUnderTest(int nodes, Map<String, String> env) {
        this.nodes = nodes;
        this.env = Map.copyOf(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = Clusters.start(context.getRequiredTestClass(), nodes, env);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    LocalCluster get() {
        return cluster;
    }

    /** A client signed in with Docker token auth as the cluster's admin; each request times out after {@code timeout}. */
    OciClient client(Duration timeout) {
        return new OciClient(timeout, auth());
    }

    /** {@link #client(Duration)} with the default 5 minutes. */
    OciClient client() {
        return client(Duration.ofMinutes(5));
    }

    /** Docker token auth as the cluster's admin, for clients other than {@link OciClient}. */
    RegistryAuth auth() {
        return RegistryAuth.tokens(cluster.credentials());
    }

    /** Each node's direct URL, in node order. */
    List<URI> nodeUrls() {
        return cluster.nodes().stream().map(ClusterNode::http).toList();
    }
}
