package io.flotilla.node.outage;

import io.flotilla.node.TestNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node on RADOS whose only OSD is killed: pulls that need Ceph get 503 UNAVAILABLE within the configured
 * timeout, readiness holds, health and metrics show the outage, and once the OSD is back the node serves
 * again by itself with every acknowledged byte intact. Needs {@code deploy/local/services.sh up ceph}.
 */
class CephOutageTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int TIMEOUT_SECONDS = 3;

    @Test
    void aDeadOsdIsA503WithinTheTimeoutAndTheNodeRecoversWithNothingLost() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(content);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (TestNode node = TestNode.start(Map.of("storage.blobs", "rados",
                "rados.timeout-seconds", Integer.toString(TIMEOUT_SECONDS)))) {
            String blob = "/v2/outage/ceph/blobs/" + digest;
            HttpResponse<String> pushed = send(node, node.adminRequest("/v2/outage/ceph/blobs/uploads/?digest=" + digest)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
            assertEquals(201, pushed.statusCode(), pushed.body());

            Services.kill(Services.cephOsdPid());
            try {
                long start = System.nanoTime();
                HttpResponse<String> during = send(node, node.adminRequest(blob).GET());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(503, during.statusCode(), during.body());
                assertTrue(during.body().contains("\"code\":\"UNAVAILABLE\""), during.body());
                assertTrue(took.compareTo(Duration.ofSeconds(TIMEOUT_SECONDS + 10)) < 0, "answered after " + took);
                assertEquals(200, send(node, HttpRequest.newBuilder(node.uri("/readyz")).GET()).statusCode());
                HttpResponse<String> health = send(node, HttpRequest.newBuilder(node.uri("/healthz")).GET());
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("blobs: unavailable since"), health.body());
                String metrics = send(node, HttpRequest.newBuilder(node.uri("/metrics")).GET()).body();
                assertTrue(metrics.contains("flotilla_backend_up{backend=\"blobs\"} 0.0"), metrics);
            } finally {
                Services.up("ceph");
            }

            byte[] after = eventually(node, blob);
            assertArrayEquals(content, after, "the blob acknowledged before the outage is intact");
            HttpResponse<String> health = send(node, HttpRequest.newBuilder(node.uri("/healthz")).GET());
            assertTrue(health.body().contains("blobs: up"), health.body());
        }
    }

    /** Pulls the blob, retrying for up to 60 s while Ceph comes back. */
    private static byte[] eventually(TestNode node, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> r = HTTP.send(node.adminRequest(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200 || System.nanoTime() > deadline) {
                assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
                return r.body();
            }
            Thread.sleep(500);
        }
    }

    private static HttpResponse<String> send(TestNode node, HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
