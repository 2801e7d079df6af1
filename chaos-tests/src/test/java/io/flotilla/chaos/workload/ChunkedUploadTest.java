package io.flotilla.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a one-upload fake registry that answers as the spec says, and can pretend answers were lost. */
class ChunkedUploadTest {

    private static final String UNKNOWN = "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"gone\"}]}";
    private final SeededContent content = new SeededContent(7, 100);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final OciClient client = new OciClient(Duration.ofSeconds(5), RegistryAuth.none());
    private boolean committed;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/up", this::upload);
        server.createContext("/v2/r/blobs/", ex -> answer(ex, committed ? 200 : 404, ""));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPatchAnswered416ResumesFromTheServersRange() throws IOException {
        received.write(content.bytes(), 0, 30);  // a PATCH whose 202 was lost
        ChunkedUpload upload = new ChunkedUpload(client, "r", content, base.resolve("/up"));
        assertEquals(416, upload.patch(base, 40).status());
        assertEquals(30, upload.offset());
        while (!upload.done()) {
            assertEquals(202, upload.patch(base, 40).status());
        }
        assertEquals(201, upload.complete(base).status());
        assertTrue(Arrays.equals(content.bytes(), received.toByteArray()));
    }

    @Test
    void aRepeatedPutThatFindsTheUploadGoneCountsIfTheBlobIsThere() {
        ChunkedUpload upload = new ChunkedUpload(client, "r", content, base.resolve("/up"));
        assertEquals(201, upload.complete(base).status());  // the whole blob as the PUT's body
        assertEquals(201, upload.complete(base).status());  // as if the first answer was lost
    }

    @Test
    void aFirstPutThatFindsTheUploadGoneIsNotDone() {
        committed = true;  // even with the blob there: this client never sent a PUT that could have made it
        ChunkedUpload upload = new ChunkedUpload(client, "r", content, base.resolve("/up"));
        assertTrue(ChunkedUpload.isUploadUnknown(upload.complete(base)));
    }

    private void upload(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (committed) {
            answer(ex, 404, UNKNOWN);
            return;
        }
        String method = ex.getRequestMethod();
        if (method.equals("PATCH")) {
            String range = ex.getRequestHeaders().getFirst("Content-Range");
            long from = Long.parseLong(range.substring(0, range.indexOf('-')));
            if (from != received.size()) {
                ex.getResponseHeaders().add("Range", "0-" + (received.size() - 1));
                answer(ex, 416, "");
                return;
            }
            received.write(body);
            ex.getResponseHeaders().add("Location", "/up");
            ex.getResponseHeaders().add("Range", "0-" + (received.size() - 1));
            answer(ex, 202, "");
        } else if (method.equals("PUT")) {
            received.write(body);
            committed = Arrays.equals(content.bytes(), received.toByteArray());
            answer(ex, committed ? 201 : 400, "");
        } else {
            answer(ex, 405, "");
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
