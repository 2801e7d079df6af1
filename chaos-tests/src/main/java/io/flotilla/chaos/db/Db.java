package io.flotilla.chaos.db;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The system under test, in Jepsen's sense: services, N nodes and a balancer, and the faults a nemesis
 * can inject into them. Implemented by real processes on this host and by Docker containers.
 */
public interface Db extends AutoCloseable {
    /** Services + N nodes + balancer; blocks until ready. */
    void setup(int nodes);

    /** The balancer. */
    URI endpoint();

    /** "node1".."nodeN". */
    List<String> nodes();

    /** A node's direct URL. */
    URI node(String node);

    /** SIGKILL. */
    void kill(String node);

    /** (Re)start, wait ready. */
    void start(String node);

    /** SIGSTOP / docker pause. */
    void pause(String node);

    void resume(String node);

    /** Cut the network between the given groups of nodes. */
    void partition(List<List<String>> sides);

    /** "cassandra" | "ceph"; may throw UnsupportedOperationException. */
    void isolateFromServices(String node, String service);

    /** Undo every partition and cut. */
    void heal();

    void collectLogs(Path dir);

    /** close() calls it. */
    void teardown();

    @Override
    default void close() {
        teardown();
    }
}
