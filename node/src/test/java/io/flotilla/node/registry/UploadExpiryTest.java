package io.flotilla.node.registry;

import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An upload nobody touches for the TTL is swept: its staged bytes go, then its row, then its Location 404s. */
class UploadExpiryTest {
    private static TestNode node;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("uploads.ttl-seconds", "1", "uploads.cleanup-interval-seconds", "1"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void anAbandonedUploadIsRemovedWithItsStagedBytes() throws Exception {
        HttpResponse<Void> started = send(node.adminRequest("/v2/expiry/test/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, started.statusCode());
        String location = started.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<Void> patched = send(node.adminRequest(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build());
        assertEquals(202, patched.statusCode());
        Path staging = node.dataDir().resolve("blobs/uploads/" + id);
        assertTrue(Files.isDirectory(staging), "the chunk is staged on disk before its 202");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int status = 204;
        while (status != 404 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            status = send(node.adminRequest(location).GET().build()).statusCode();
        }
        assertEquals(404, status, "the expired upload answers BLOB_UPLOAD_UNKNOWN");
        assertFalse(Files.exists(staging), "its staged bytes are gone");
    }

    private static HttpResponse<Void> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
