package io.flotilla.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSettingsTest {

    @Test
    void defaultsFavourFastFailover() {
        ClusterSettings s = ClusterSettings.defaults("dc1");
        assertEquals(ClusterSettings.DEFAULT_PORT, s.port());
        assertEquals(1, s.backupCount());
        assertEquals(Duration.ofSeconds(1), s.linkCacheTtl());
        assertEquals(Duration.ofSeconds(5), s.maxNoHeartbeat());
        assertEquals(List.of(), s.members());
    }

    @Test
    void nonsenseIsRejected() {
        ClusterSettings s = ClusterSettings.defaults("dc1");
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.defaults(" "));
        assertThrows(IllegalArgumentException.class, () -> s.withPort(70_000));
        assertThrows(IllegalArgumentException.class, () -> s.withLinkCacheTtl(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> s.withFailureDetection(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> s.withMembers(List.of("")));
    }

    @Test
    void kubernetesDiscoveryIsOffByDefaultAndExcludesAMemberList() {
        ClusterSettings s = ClusterSettings.defaults("dc1");
        assertEquals("", s.kubernetesServiceDns());
        assertFalse(s.kubernetesDiscovery());
        ClusterSettings k8s = s.withKubernetesServiceDns(" flotilla-hs.ns.svc.cluster.local ");
        assertEquals("flotilla-hs.ns.svc.cluster.local", k8s.kubernetesServiceDns());
        assertTrue(k8s.kubernetesDiscovery());
        assertThrows(IllegalArgumentException.class, () -> k8s.withMembers(List.of("10.0.0.1:5701")));
        assertThrows(IllegalArgumentException.class, () -> k8s.withPort(0));
    }
}
