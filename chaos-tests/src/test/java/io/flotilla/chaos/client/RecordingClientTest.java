package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flotilla.chaos.client.auth.Credentials;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How authentication failures are recorded, against a fake registry that refuses every request with a Bearer
 * challenge: a refusal the client could not get past is a FAIL for writes too (no handler ran), whether the
 * registry answered 401 twice or the token endpoint failed or timed out; never INFO, never an exception.
 */
class RecordingClientTest {

    private static final byte[] MANIFEST = "{}".getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;
    private final URI base;
    private volatile int tokenStatus = 200;
    private volatile long tokenDelayMillis;
    private final History history = new History();

    RecordingClientTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/v2/", ex -> answer(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"no\"}]}",
                "Bearer realm=\"" + base + "/token\",service=\"s\",scope=\"repository:r:pull,push\""));
        server.createContext("/token", ex -> {
            sleep(tokenDelayMillis);
            answer(ex, tokenStatus, tokenStatus == 200 ? "{\"token\":\"t\",\"expires_in\":300}" : "{}", null);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aWriteRefusedWith401EvenWithAFreshTokenFails() {
        Op op = client(Duration.ofSeconds(5)).pushManifest(0, "r", "sha256:00", MANIFEST);
        assertEquals(Op.Type.FAIL, op.type());
        assertEquals("401 UNAUTHORIZED", op.error());
    }

    @Test
    void aWriteWhoseTokenFetchFailsFails() {
        tokenStatus = 503;
        Op op = client(Duration.ofSeconds(5)).moveTag(0, "r", "latest", "sha256:00", MANIFEST);
        assertEquals(Op.Type.FAIL, op.type());
        assertTrue(op.error().startsWith("TokenFetchException") && op.error().contains("503"), op.error());
    }

    @Test
    void aWriteWhoseTokenFetchTimesOutFailsToo() {
        tokenDelayMillis = 3000;
        Op op = client(Duration.ofMillis(500)).deleteManifest(0, "r", "sha256:00");
        assertEquals(Op.Type.FAIL, op.type());
        assertTrue(op.error().contains("TokenFetchException"), op.error());
    }

    private RecordingClient client(Duration timeout) {
        RegistryAuth auth = RegistryAuth.tokens(new Credentials("admin", "pw"), timeout);
        return new RecordingClient(new OciClient(timeout, auth), history, base);
    }

    private static void answer(HttpExchange ex, int status, String body, String challenge) throws IOException {
        ex.getRequestBody().readAllBytes();
        if (challenge != null) {
            ex.getResponseHeaders().add("WWW-Authenticate", challenge);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
