package io.flotilla.bench.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchClusterTest {

    @Test
    void readsEveryNodeFromClusterStatus() {
        String status = """
                endpoint: 127.0.0.1:40001
                admin-password: /tmp/x/admin-password
                node: node1 127.0.0.1:40011 pid=1234 lb=UP
                node: node2 127.0.0.1:40012 pid=none
                node: node3 127.0.0.1:40013 pid=99
                """;
        List<BenchCluster.Node> nodes = BenchCluster.parseNodes(status);
        assertEquals(List.of(new BenchCluster.Node("node1", URI.create("http://127.0.0.1:40011"), 1234),
                new BenchCluster.Node("node2", URI.create("http://127.0.0.1:40012"), -1),
                new BenchCluster.Node("node3", URI.create("http://127.0.0.1:40013"), 99)), nodes);
    }
}
