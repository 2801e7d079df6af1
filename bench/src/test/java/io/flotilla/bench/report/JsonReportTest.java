package io.flotilla.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void everyRowCarriesItsMeasurementsAndComparisons() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(ResultsFixture.make()));
        assertEquals("full", root.path("mode").asText());
        JsonNode push = root.path("rows").get(0);
        assertEquals("push-512mib", push.path("id").asText());
        assertEquals("MiB/s", push.path("unit").asText());
        assertEquals(420.0, push.path("contestants").path("flotilla").path("median").asDouble(), 1e-9);
        assertEquals(3, push.path("contestants").path("flotilla").path("samples").size());
        JsonNode main = push.path("comparisons").get(0);
        assertEquals("main", main.path("table").asText());
        assertEquals(2.1, main.path("ratio").asDouble(), 1e-9);
        assertEquals(2.5, main.path("minRatio").asDouble(), 1e-9);
        assertFalse(main.path("met").asBoolean());
        JsonNode head = root.path("rows").get(1);
        assertEquals(4.0, head.path("contestants").path("flotilla").path("p99Ms").asDouble(), 1e-9);
        assertEquals(10.0, head.path("comparisons").get(0).path("maxP99Ms").asDouble(), 1e-9);
        assertTrue(head.path("contestants").path("cluster").path("median").isNull());
        assertEquals(1, root.path("failures").size());
    }
}
