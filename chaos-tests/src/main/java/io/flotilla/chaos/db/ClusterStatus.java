package io.flotilla.chaos.db;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The parsed output of {@code cluster.sh status}: {@code endpoint: HOST:PORT}, then one
 * {@code node: NAME HOST:PORT pid=PID|none [lb=STATE]} line per node; other lines ({@code admin-password: FILE})
 * are skipped.
 */
public record ClusterStatus(String endpoint, List<ClusterNode> nodes) {

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }

    public static ClusterStatus parse(String output) {
        String endpoint = null;
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("endpoint: ")) {
                endpoint = line.substring("endpoint: ".length()).trim();
            } else if (line.startsWith("node: ")) {
                nodes.add(node(line.substring("node: ".length()).trim().split(" +")));
            }
        }
        if (endpoint == null) {
            throw new IllegalArgumentException("no 'endpoint:' line in cluster status:\n" + output);
        }
        return new ClusterStatus(endpoint, nodes);
    }

    private static ClusterNode node(String[] fields) {
        if (fields.length < 3 || !fields[2].startsWith("pid=")) {
            throw new IllegalArgumentException("malformed node line: " + String.join(" ", fields));
        }
        String pid = fields[2].substring("pid=".length());
        String lb = fields.length > 3 && fields[3].startsWith("lb=") ? fields[3].substring("lb=".length()) : "";
        return new ClusterNode(fields[0], fields[1],
                pid.equals("none") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)), lb);
    }

    public ClusterNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in " + nodes));
    }
}
