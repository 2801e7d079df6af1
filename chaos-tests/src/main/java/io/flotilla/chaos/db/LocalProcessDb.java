package io.flotilla.chaos.db;

import io.flotilla.chaos.client.auth.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@link Db} over {@link LocalCluster}: nodes are processes on this machine behind HAProxy, with Cassandra
 * metadata and RADOS blobs, faulted through {@code deploy/local/cluster.sh} (signals, iptables grid cuts).
 *
 * <p>Grid merges are made fast (first run 2 s, then every 2 s) so a healed partition rejoins within a few
 * seconds of a short run, and nodes wait only 1 s before stopping, so restarts fit a fault window.
 */
public final class LocalProcessDb implements Db, GracefulStop {

    /** Environment every node gets; values chosen for short fault windows, see the class comment. */
    static final Map<String, String> NODE_ENV = Map.of(
            "FLOTILLA_CLUSTER_MERGE_FIRST_RUN_DELAY_SECONDS", "2",
            "FLOTILLA_CLUSTER_MERGE_INTERVAL_SECONDS", "2",
            "FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "1");

    private final LocalCluster cluster;
    private volatile ClusterStatus status;

    /** A cluster kept under {@code home} (its state, cluster.log and a copy of the node logs). */
    public LocalProcessDb(Path home) {
        this.cluster = new LocalCluster(home);
        NODE_ENV.forEach(cluster::withEnv);
    }

    /** Adds settings every node starts with (a scenario's FLOTILLA_* overrides); call before {@link #setup}. */
    public LocalProcessDb withNodeEnv(Map<String, String> env) {
        env.forEach(cluster::withEnv);
        return this;
    }

    @Override
    public void setup(int nodes) {
        status = cluster.up(nodes, "cassandra", "rados");
    }

    private ClusterStatus status() {
        if (status == null) {
            throw new IllegalStateException("setup() has not run");
        }
        return status;
    }

    @Override
    public URI endpoint() {
        return URI.create("http://" + status().endpoint());
    }

    @Override
    public Credentials credentials() {
        return cluster.credentials();
    }

    @Override
    public List<String> nodes() {
        return status().nodes().stream().map(ClusterNode::name).toList();
    }

    @Override
    public URI node(String node) {
        // Addresses never change across restarts (cluster.sh keeps each node's port), so the status from
        // setup stays good for this.
        return status().node(node).http();
    }

    @Override
    public void kill(String node) {
        cluster.kill(node);
    }

    @Override
    public void start(String node) {
        cluster.start(node);
    }

    /** SIGTERM without waiting: the node drains and exits; {@link #start} brings it back. */
    @Override
    public void stop(String node) {
        cluster.stop(node);
    }

    @Override
    public void pause(String node) {
        cluster.pause(node);
    }

    @Override
    public void resume(String node) {
        cluster.resume(node);
    }

    @Override
    public void partition(List<List<String>> sides) {
        for (int i = 0; i < sides.size(); i++) {
            for (int j = i + 1; j < sides.size(); j++) {
                cluster.cut(sides.get(i), sides.get(j));
            }
        }
    }

    @Override
    public void isolateFromServices(String node, String service) {
        throw new UnsupportedOperationException("local nodes and services share 127.0.0.1: a cut between "
                + node + " and " + service + " would cut every node; use the container Db");
    }

    @Override
    public void cutOneWay(String from, String to) {
        throw new UnsupportedOperationException("local nodes share 127.0.0.1: a rule dropping " + from + "'s packets"
                + " to " + to + " cannot be told from one dropping every node's; use the container Db");
    }

    @Override
    public void loseIncoming(String node, double probability) {
        throw new UnsupportedOperationException("local nodes share 127.0.0.1: a loss rule for " + node
                + " would hit every node; use the container Db");
    }

    @Override
    public void slow(String node, java.time.Duration delay) {
        throw new UnsupportedOperationException("no delaying proxy in front of local nodes; use the container Db");
    }

    @Override
    public void skewClock(String node, java.time.Duration offset) {
        throw new UnsupportedOperationException("local nodes share this host's clock; use the container Db");
    }

    @Override
    public void heal() {
        cluster.heal();
    }

    @Override
    public void collectLogs(Path dir) {
        cluster.copyLogs(dir);
    }

    @Override
    public void teardown() {
        cluster.down();
    }
}
