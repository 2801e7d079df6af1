package io.flotilla.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin client against a stand-in that answers as the GC contract says the node does. */
class GcAdminClientTest {
    private HttpServer server;
    private final AtomicBoolean paused = new AtomicBoolean();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2.0/system/gc", ex -> {
            String path = ex.getRequestURI().getPath();
            if (!"Basic x".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{}");
            } else if (path.endsWith("/pause") || path.endsWith("/resume")) {
                paused.set(path.endsWith("/pause"));
                send(ex, 200, "{\"paused\":" + paused.get() + ",\"delaySeconds\":3,\"graceSeconds\":1}");
            } else if (path.equals("/api/v2.0/system/gc")) {
                send(ex, 200, "{\"paused\":" + paused.get() + "}");
            } else if (path.endsWith("sha256:live")) {
                send(ex, 200, "{\"digest\":\"sha256:live\",\"state\":\"live\",\"size\":3,\"refEpoch\":1}");
            } else if (path.endsWith("sha256:absent")) {
                send(ex, 200, "{\"digest\":\"sha256:absent\",\"state\":\"absent\"}");
            } else {
                send(ex, 404, "{\"errors\":[]}");
            }
        });
        server.createContext("/metrics", ex -> send(ex, 200, "flotilla_gc_blobs_deleted_total 7.0\n"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void pausesResumesAndProbesBlobs() {
        GcAdminClient c = new GcAdminClient(base(), "Basic x");
        assertFalse(c.paused());
        assertTrue(c.pause());
        assertTrue(c.paused());
        assertFalse(c.resume());
        assertEquals("live", c.blobState("sha256:live"));
        assertEquals("absent", c.blobState("sha256:absent"));
        assertEquals("absent", c.blobState("sha256:unknown"), "a 404 counts as absent");
        assertEquals(7.0, c.metrics().sum("flotilla_gc_blobs_deleted_total"));
    }

    @Test
    void aRefusalNamesTheRequestAndTheStatus() {
        GcBenchException e = assertThrows(GcBenchException.class, () -> new GcAdminClient(base(), "Basic wrong").pause());
        assertTrue(e.getMessage().contains("POST") && e.getMessage().contains("401"), e.getMessage());
    }
}
