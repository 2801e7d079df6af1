package io.flotilla.node;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping a node fails readiness first and keeps serving through the pre-stop delay, then stops. */
class GracefulStopTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFailsFirstWhileRequestsAreStillServed() throws Exception {
        TestNode node = TestNode.start(Map.of("server.pre-stop-delay-seconds", "2"));
        assertEquals(200, status(node, "/readyz"));
        URI base = node.uri("/v2/");

        long start = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(node::close);
        int ready = 200;
        while (ready == 200 && !stopping.isDone()) {
            ready = status(node, "/readyz");
        }
        assertEquals(503, ready, "readiness fails as soon as the stop begins");
        assertEquals(200, status(node, "/v2/"), "the registry still answers during the pre-stop delay");
        assertEquals(200, status(node, "/healthz"));

        stopping.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0, "the pre-stop delay was kept: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "stopped within the grace period: " + took);
        assertThrows(IOException.class, () -> HTTP.send(HttpRequest.newBuilder(base).GET().build(),
                HttpResponse.BodyHandlers.discarding()), "nothing listens after the stop");
    }

    private static int status(TestNode node, String path) throws IOException, InterruptedException {
        return HTTP.send(node.adminRequest(path).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
