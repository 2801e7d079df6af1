package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GcAdminTest {

    private static final String EXPOSITION = """
            # HELP flotilla_gc_revived_total blobs revived
            # TYPE flotilla_gc_revived_total counter
            flotilla_gc_revived_total 3.0
            flotilla_gc_revived_total_extra 100.0
            flotilla_gc_transitions_total{to="live"} 3.0
            flotilla_gc_transitions_total{to="gone"} 7.0
            """;

    @Test
    void sumsOneMetricOverItsLabelsAndNoOther() {
        assertEquals(Optional.of(3.0), GcAdmin.sum(EXPOSITION, "flotilla_gc_revived_total"));
        assertEquals(Optional.of(10.0), GcAdmin.sum(EXPOSITION, "flotilla_gc_transitions_total"));
        assertEquals(Optional.empty(), GcAdmin.sum(EXPOSITION, "flotilla_gc_errors_total"));
    }
}
