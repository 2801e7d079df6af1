package io.flotilla.bench.plain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.bench.client.TestImage;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainHelidonServerTest {

    @Test
    void storesWhatIsPutAndServesTheLatest(@TempDir Path dir) throws Exception {
        WebServer server = PlainHelidonServer.start(0, dir);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI f = URI.create("http://127.0.0.1:" + server.port() + "/f");
            assertEquals(404, http.send(HttpRequest.newBuilder(f).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
            byte[] body = new byte[3 << 20];
            new Random(7).nextBytes(body);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(f)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode());
            assertEquals(TestImage.digest(body), put.headers().firstValue("Docker-Content-Digest").orElseThrow());
            HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(f).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(body, get.body());
        } finally {
            server.stop();
        }
    }
}
