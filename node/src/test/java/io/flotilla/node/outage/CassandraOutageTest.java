package io.flotilla.node.outage;

import io.flotilla.node.TestNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node on Cassandra whose Cassandra is killed: requests that need metadata get 503 UNAVAILABLE within a
 * bounded time, readiness holds, health and metrics show the outage, and once Cassandra is back the node
 * serves again by itself with the acknowledged manifest and tag intact.
 * Needs {@code deploy/local/services.sh up cassandra}.
 */
class CassandraOutageTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final byte[] CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDeadCassandraIsA503AndTheNodeRecoversWithNothingLost() throws Exception {
        try (TestNode node = TestNode.start(Map.of("storage.metadata", "cassandra",
                "cassandra.request-timeout-ms", "1000"))) {
            String config = digest(CONFIG);
            assertEquals(201, send(node, "POST", "/v2/outage/cassandra/blobs/uploads/?digest=" + config, CONFIG,
                    "application/octet-stream").statusCode());
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + config
                    + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
            String manifestPath = "/v2/outage/cassandra/manifests/v1";
            assertEquals(201, send(node, "PUT", manifestPath, manifest,
                    "application/vnd.oci.image.manifest.v1+json").statusCode());

            Services.kill(Services.cassandraPid());
            try {
                long start = System.nanoTime();
                HttpResponse<String> during = send(node, "GET", manifestPath, null, null);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(503, during.statusCode(), during.body());
                assertTrue(during.body().contains("\"code\":\"UNAVAILABLE\""), during.body());
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered after " + took);
                assertEquals(200, send(node, "GET", "/readyz", null, null).statusCode());
                HttpResponse<String> health = send(node, "GET", "/healthz", null, null);
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("metadata: unavailable since"), health.body());
                assertTrue(send(node, "GET", "/metrics", null, null).body()
                        .contains("flotilla_backend_up{backend=\"metadata\"} 0.0"));
            } finally {
                Services.up("cassandra");
            }

            HttpResponse<String> after = eventually(node, manifestPath);
            assertEquals(new String(manifest, StandardCharsets.UTF_8), after.body(),
                    "the manifest acknowledged before the outage is intact");
            assertTrue(send(node, "GET", "/healthz", null, null).body().contains("metadata: up"));
        }
    }

    /** GETs the path, retrying for up to 90 s while Cassandra comes back and the driver reconnects. */
    private static HttpResponse<String> eventually(TestNode node, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> r = send(node, "GET", path, null, null);
            if (r.statusCode() == 200 || System.nanoTime() > deadline) {
                assertEquals(200, r.statusCode(), r.body());
                return r;
            }
            Thread.sleep(500);
        }
    }

    private static HttpResponse<String> send(TestNode node, String method, String path, byte[] body,
                                             String contentType) throws Exception {
        HttpRequest.Builder request = node.adminRequest(path).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String digest(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
