package io.flotilla.node.http;

import io.flotilla.node.TestNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code auth.protect-metrics}: Prometheus's endpoint then needs a system admin; the probes stay open. */
class MetricsProtectionTest {

    @Test
    void metricsNeedASystemAdminWhenProtected() throws Exception {
        try (TestNode node = TestNode.start(Map.of("auth.protect-metrics", "true"));
             HttpClient http = HttpClient.newHttpClient()) {
            assertEquals(401, status(http, HttpRequest.newBuilder(node.uri("/metrics"))));
            assertEquals(200, status(http, node.adminRequest("/metrics")));
            assertEquals(200, status(http, HttpRequest.newBuilder(node.uri("/healthz"))));
            assertEquals(200, status(http, HttpRequest.newBuilder(node.uri("/readyz"))));
        }
    }

    private static int status(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
