package io.flotilla.chaos.db;

import java.net.URI;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One node as {@code cluster.sh status} reports it.
 *
 * @param name    the node's name in the cluster folder ({@code node1}, ...)
 * @param address its HTTP {@code host:port}, reachable directly (bypassing the balancer)
 * @param pid     its process id; empty when it is not running
 * @param lbState the balancer's view of it ({@code UP}, {@code DOWN}, {@code MAINT}, ...); empty without one
 */
public record ClusterNode(String name, String address, OptionalLong pid, String lbState) {

    public ClusterNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(lbState, "lbState");
    }

    /** The base URL to send requests to this node alone. */
    public URI http() {
        return URI.create("http://" + address);
    }

    public boolean running() {
        return pid.isPresent();
    }
}
