package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NodeCountersTest {

    @Test
    void sumsRegistryRoutesAndSkipsSystemOnes() {
        String text = """
                # HELP flotilla_http_requests_seconds HTTP requests
                flotilla_http_requests_seconds_count{method="GET",route="system",status="200"} 40.0
                flotilla_http_requests_seconds_count{method="PUT",route="manifest",status="201"} 3.0
                flotilla_http_requests_seconds_count{method="GET",route="blob",status="200"} 2.0
                flotilla_http_requests_seconds_sum{method="GET",route="blob",status="200"} 0.5
                """;
        assertEquals(5, NodeCounters.sumExcept(text, "flotilla_http_requests_seconds_count{", "route=\"system\""));
    }
}
