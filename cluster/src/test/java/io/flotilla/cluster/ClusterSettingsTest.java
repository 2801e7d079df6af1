package io.flotilla.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
