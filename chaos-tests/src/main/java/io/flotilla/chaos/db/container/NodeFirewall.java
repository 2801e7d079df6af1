package io.flotilla.chaos.db.container;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * iptables DROP rules inside one node's container (it runs with NET_ADMIN; the rules live in its own network
 * namespace, so nothing on the host or in other containers changes). Each cut is a pair of rules, one for
 * packets leaving and one for packets arriving, so a cut holds whichever side opens a connection.
 *
 * <p>The rules are remembered: a restarted container gets a fresh namespace without them, and {@link #reapply}
 * puts them back, as a real network fault would outlive a process restart.
 */
final class NodeFirewall {

    private final Set<List<String>> rules = new LinkedHashSet<>();

    /** Drops all traffic between this node and {@code peerIp}. */
    void cutPeer(GenericContainer<?> container, String peerIp) {
        add(container, List.of("OUTPUT", "-d", peerIp, "-j", "DROP"));
        add(container, List.of("INPUT", "-s", peerIp, "-j", "DROP"));
    }

    /** Drops TCP between this node and {@code address} on {@code port} ("N" or "FIRST:LAST"). */
    void cutService(GenericContainer<?> container, String address, String port) {
        add(container, List.of("OUTPUT", "-d", address, "-p", "tcp", "--dport", port, "-j", "DROP"));
        add(container, List.of("INPUT", "-s", address, "-p", "tcp", "--sport", port, "-j", "DROP"));
    }

    /**
     * Drops what {@code peerIp} sends to this node, and only that: this node's packets still reach the peer.
     * TCP needs both directions, so a connection either side opens stalls too (its SYN or its SYN-ACK is
     * lost), but the peer still receives this node's datagrams and retransmissions: not the same as a cut.
     */
    void dropFrom(GenericContainer<?> container, String peerIp) {
        add(container, dropFromRule(peerIp));
    }

    /** Drops each arriving packet with {@code probability}: a lossy link, not a dead one. */
    void loseIncoming(GenericContainer<?> container, double probability) {
        add(container, lossRule(probability));
    }

    static List<String> dropFromRule(String peerIp) {
        return List.of("INPUT", "-s", peerIp, "-j", "DROP");
    }

    /**
     * The statistic match's random mode (netem does not exist on this kernel; this works in any namespace).
     * The probability is written with 4 decimals, as iptables reads it, whatever the JVM's locale.
     */
    static List<String> lossRule(double probability) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("a loss probability is in (0, 1], not " + probability);
        }
        return List.of("INPUT", "-m", "statistic", "--mode", "random", "--probability",
                String.format(java.util.Locale.ROOT, "%.4f", probability), "-j", "DROP");
    }

    /** Removes every rule; nothing else in the container uses iptables, so a flush is exact. */
    void heal(GenericContainer<?> container) {
        rules.clear();
        iptables(container, List.of("-F", "INPUT"));
        iptables(container, List.of("-F", "OUTPUT"));
    }

    /** Puts the remembered rules back after the container restarted. */
    void reapply(GenericContainer<?> container) {
        for (List<String> rule : rules) {
            iptables(container, prepend("-A", rule));
        }
    }

    private void add(GenericContainer<?> container, List<String> rule) {
        if (rules.add(rule)) {
            iptables(container, prepend("-A", rule));
        }
    }

    private static List<String> prepend(String action, List<String> rule) {
        List<String> args = new ArrayList<>(List.of(action));
        args.addAll(rule);
        return args;
    }

    private static void iptables(GenericContainer<?> container, List<String> args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5"));
        command.addAll(args);
        try {
            ExecResult result = container.execInContainer(command.toArray(String[]::new));
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + container.getContainerName()
                        + " failed: " + result.getStderr());
            }
        } catch (IOException e) {
            throw new IllegalStateException("docker exec iptables in " + container.getContainerName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
