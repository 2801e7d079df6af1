package io.flotilla.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    /** The shapes Micrometer's Prometheus registry writes: HELP and TYPE lines, labelled and unlabelled counters. */
    private static final String SCRAPE = """
            # HELP flotilla_gc_transitions_total GC state transitions
            # TYPE flotilla_gc_transitions_total counter
            flotilla_gc_transitions_total{to="gone"} 40.0
            flotilla_gc_transitions_total{to="live"} 2.0
            flotilla_gc_transitions_total{to="marked"} 55.0
            flotilla_gc_transitions_total{to="purging",} 45.0
            flotilla_gc_blobs_deleted_total 40.0
            flotilla_gc_bytes_deleted_bytes_total 40960.0
            flotilla_gc_delete_calls_total 3.0 1700000000000
            flotilla_gc_queue_due_items{partition="3"} 7.0
            flotilla_gc_queue_due_items{partition="11"} 5.0
            http_server_requests_seconds_bucket{le="+Inf",uri="/v2/{name}/\\"x\\"",} 9.0
            odd line without value
            jvm_threads_live 1.5E2
            """;

    @Test
    void sumsCountersByNameAndByLabel() {
        PrometheusText m = PrometheusText.parse(SCRAPE);
        assertEquals(142.0, m.sum("flotilla_gc_transitions_total"));
        assertEquals(45.0, m.sum("flotilla_gc_transitions_total", "to", "purging"));
        assertEquals(12.0, m.sum("flotilla_gc_queue_due_items"));
        assertEquals(3.0, m.sum("flotilla_gc_delete_calls_total"), "the timestamp is not the value");
        assertEquals(150.0, m.sum("jvm_threads_live"));
        assertEquals(0.0, m.sum("no_such_metric"));
    }

    @Test
    void readsEscapedLabelValuesAndSkipsLinesThatDoNotParse() {
        PrometheusText m = PrometheusText.parse(SCRAPE);
        assertEquals(9.0, m.sum("http_server_requests_seconds_bucket", "uri", "/v2/{name}/\"x\""));
        assertTrue(m.samples().stream().noneMatch(s -> s.name().startsWith("odd")));
    }

    @Test
    void gcCountersAddUpOverNodesAndSubtractABaseline() {
        GcCounters one = GcCounters.of(PrometheusText.parse(SCRAPE));
        assertEquals(55, one.marked());
        assertEquals(2, one.toLive());
        assertEquals(40960, one.bytesDeleted(), "Micrometer's name for a counter with base unit bytes");
        assertEquals(140, one.forwardTransitions());
        GcCounters two = GcCounters.sum(java.util.List.of(one, one));
        assertEquals(80, two.blobsDeleted());
        GcCounters since = two.since(one);
        assertEquals(40, since.blobsDeleted());
        assertEquals(24, since.queueDue(), "a gauge is read as it is now, not subtracted");
    }

    @Test
    void aScrapeWithoutGcMetricsIsRecognised() {
        assertTrue(GcCounters.present(PrometheusText.parse(SCRAPE)));
        assertFalse(GcCounters.present(PrometheusText.parse("jvm_threads_live 12\n")));
    }
}
