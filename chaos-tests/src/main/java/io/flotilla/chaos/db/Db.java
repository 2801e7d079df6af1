package io.flotilla.chaos.db;

import io.flotilla.chaos.client.auth.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Jepsen's "db": a Flotilla cluster the harness can set up, fault and tear down. Implementations run nodes as
 * local processes ({@link LocalProcessDb}) or containers. Every fault method returns once the fault is in place
 * (a started node is ready); none of them heals another kind of fault.
 */
public interface Db extends AutoCloseable {

    /** Services, {@code nodes} nodes and the balancer in front of them; blocks until every node is ready. */
    void setup(int nodes);

    /** The balancer's base URL: where clients send requests. */
    URI endpoint();

    /** Who clients sign in as: the admin, with the password this db gave every node it starts. */
    Credentials credentials();

    /** The nodes' names, {@code node1..nodeN}. */
    List<String> nodes();

    /** A node's own base URL, bypassing the balancer. */
    URI node(String node);

    /** SIGKILL: the node dies with whatever it had in flight. */
    void kill(String node);

    /** Starts a node again (after kill or stop) and waits until it is ready. */
    void start(String node);

    /** Freezes the node's process (SIGSTOP, docker pause): sockets stay open, nothing answers. */
    void pause(String node);

    void resume(String node);

    /** Cuts the network between every pair of the given groups of nodes; nodes in one group stay connected. */
    void partition(List<List<String>> sides);

    /**
     * Cuts one node off from a backing service ({@code "cassandra"} or {@code "ceph"}).
     *
     * @throws UnsupportedOperationException where the nodes cannot be told apart on the network
     */
    void isolateFromServices(String node, String service);

    /**
     * Drops every packet {@code from} sends to {@code to}, while {@code to}'s packets still reach {@code from}:
     * an asymmetric fault (a one-way firewall rule, a half-broken link) that a symmetric partition never shows.
     *
     * @throws UnsupportedOperationException where the nodes cannot be told apart on the network
     */
    void cutOneWay(String from, String to);

    /**
     * Drops each packet arriving at {@code node} with the given probability (0 to 1), whoever sent it.
     *
     * @throws UnsupportedOperationException where the nodes cannot be told apart on the network
     */
    void loseIncoming(String node, double probability);

    /**
     * Holds the balancer's traffic with {@code node} for {@code delay} in each direction (a slow link or an
     * overloaded host), the other nodes' traffic untouched.
     *
     * @throws UnsupportedOperationException where no delaying proxy stands in front of the node
     */
    void slow(String node, java.time.Duration delay);

    /**
     * Shifts {@code node}'s wall clock by {@code offset} (forward or back) from now on; its monotonic clock
     * (timeouts, intervals) keeps running true, as on a host whose NTP stepped the clock.
     *
     * @throws UnsupportedOperationException where the node's clock cannot be faked
     */
    void skewClock(String node, java.time.Duration offset);

    /** Undoes every partition, cut, loss, delay and clock skew. Paused nodes stay paused, killed ones dead. */
    void heal();

    /** Copies every node's log into {@code dir}. */
    void collectLogs(Path dir);

    /** Stops every node and the balancer; services may keep running. */
    void teardown();

    @Override
    default void close() {
        teardown();
    }
}
