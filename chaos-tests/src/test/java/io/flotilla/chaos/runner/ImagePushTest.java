package io.flotilla.chaos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.generator.SeededContent;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a client pushes an image while GC runs, against a fake registry (an in-memory blob set) that refuses the
 * first manifest PUT with MANIFEST_BLOB_UNKNOWN, as a registry does when it collected a blob in between.
 */
class ImagePushTest {

    private final HttpServer server;
    private final URI base;
    private final Set<String> blobs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusals = new AtomicInteger();
    private final History history = new History();

    ImagePushTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/v2/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (method.equals("HEAD")) {
            String digest = path.substring(path.lastIndexOf('/') + 1);
            answer(ex, blobs.contains(digest) ? 200 : 404, "");
        } else if (method.equals("POST")) {
            ex.getResponseHeaders().add("Location", "/v2/r/blobs/uploads/u1");
            answer(ex, 202, "");
        } else if (method.equals("PUT") && path.contains("/blobs/uploads/")) {
            blobs.add(ex.getRequestURI().getQuery().substring("digest=".length()));
            answer(ex, 201, "");
        } else if (method.equals("PUT") && refusals.getAndDecrement() > 0) {
            answer(ex, 400, "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}");
        } else {
            answer(ex, 201, "");
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Test
    void reusedLayersFoundByHeadAreNotUploadedAndARefusedPutUploadsEverythingAgainOnce() {
        SeededContent config = new SeededContent(1, 200);
        SeededContent pooled = new SeededContent(2, 5000);
        SeededContent fresh = new SeededContent(3, 3000);
        blobs.add(pooled.digest());
        refusals.set(1);
        byte[] manifest = ImageManifest.of(new Descriptor(Descriptor.CONFIG, config.digest(), config.size()),
                List.of(new Descriptor(Descriptor.LAYER, pooled.digest(), pooled.size()),
                        new Descriptor(Descriptor.LAYER, fresh.digest(), fresh.size())));
        Op put = push().push("r", "a", "sha256:m", manifest, List.of(config, pooled, fresh), Set.of(pooled.digest()));
        assertEquals(Op.Type.OK, put.type());
        assertEquals(List.of("push-blob ok", "head-blob ok", "push-blob ok", "move-tag fail", "push-blob ok",
                "push-blob ok", "push-blob ok", "move-tag ok"), outcomes());
        assertEquals(List.of(config.digest(), pooled.digest(), fresh.digest()), history.ops().get(6).refs());
    }

    @Test
    void aReusedLayerTheRegistryNoLongerHasIsUploadedAndASecondRefusalIsTheAnswer() {
        SeededContent config = new SeededContent(4, 200);
        SeededContent pooled = new SeededContent(5, 5000);
        refusals.set(2);
        Op put = push().push("r", null, "sha256:m", new byte[] {'{', '}'}, List.of(config, pooled),
                Set.of(pooled.digest()));
        assertEquals(Op.Type.FAIL, put.type());
        assertEquals("400 MANIFEST_BLOB_UNKNOWN", put.error());
        assertEquals(List.of("push-blob ok", "head-blob fail", "push-blob ok", "push-manifest fail", "push-blob ok",
                "push-blob ok", "push-manifest fail"), outcomes());
    }

    private ImagePush push() {
        OciClient oci = new OciClient(Duration.ofSeconds(5), RegistryAuth.none());
        return new ImagePush(new RecordingClient(oci, history, base), 0);
    }

    private List<String> outcomes() {
        return history.operations().stream()
                .map(o -> o.f() + " " + o.type().name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
