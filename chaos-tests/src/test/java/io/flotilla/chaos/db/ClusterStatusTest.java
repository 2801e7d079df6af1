package io.flotilla.chaos.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {

    @Test
    void parsesEndpointAndNodesAsClusterShPrintsThem() {
        ClusterStatus s = ClusterStatus.parse("""
                endpoint: 127.0.0.1:46963
                admin-password: /tmp/flotilla-cluster/admin-password
                node: node1 127.0.0.1:58251 pid=9089 lb=UP
                node: node2 127.0.0.1:37357 pid=none lb=DOWN
                """);
        assertEquals("127.0.0.1:46963", s.endpoint());
        assertEquals(2, s.nodes().size());
        assertEquals(new ClusterNode("node1", "127.0.0.1:58251", OptionalLong.of(9089), "UP"), s.node("node1"));
        assertEquals(OptionalLong.empty(), s.node("node2").pid());
        assertEquals(URI.create("http://127.0.0.1:37357"), s.node("node2").http());
    }

    @Test
    void aSingleNodeHasNoBalancerState() {
        ClusterStatus s = ClusterStatus.parse("endpoint: 127.0.0.1:5000\nnode: node1 127.0.0.1:5000 pid=12\n");
        assertEquals("", s.node("node1").lbState());
    }

    @Test
    void refusesOutputWithoutAnEndpoint() {
        assertThrows(IllegalArgumentException.class, () -> ClusterStatus.parse("cluster: no cluster is up\n"));
    }
}
