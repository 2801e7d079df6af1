package io.flotilla.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real node (embedded defaults, access control on, as shipped) for one test class, and plain HTTP sessions
 * against it: as the bootstrap admin, as any user or robot (Basic credentials), or anonymous. The admin's
 * password is FLOTILLA_ADMIN_PASSWORD when set, else the one the node generated into its data directory.
 * Failed logins are not throttled on this node, so tests that try wrong passwords cannot slow the others.
 */
final class ApiTestNode implements BeforeAllCallback, AfterAllCallback {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Passw0rd-for-tests";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private TestNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static ApiTestNode perClass() {
        return new ApiTestNode();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = TestNode.start(Map.of("auth.throttle-free-failures", "100000"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        http.close();
        node.close();
    }

    TestNode node() {
        return node;
    }

    String baseUrl() {
        return "http://" + node.hostPort();
    }

    String adminPassword() {
        String fromEnvironment = System.getenv("FLOTILLA_ADMIN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        try {
            return Files.readString(node.dataDir().resolve(Path.of("auth", "admin-password"))).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Session admin() {
        return as("admin", adminPassword());
    }

    Session as(String user, String password) {
        return new Session(Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    Session anonymous() {
        return new Session(Optional.empty());
    }

    /** A name no other test of this JVM uses. */
    static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** Creates a local user with {@link #PASSWORD} and returns a session as that user. */
    Session newUser(String name) {
        HttpResponse<byte[]> r = admin().post("/api/v2.0/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"email\":\"" + name + "@example.com\"}");
        assertEquals(201, r.statusCode(), () -> text(r));
        return as(name, PASSWORD);
    }

    /** Creates a project as the admin. */
    void newProject(String name, boolean isPublic) {
        HttpResponse<byte[]> r = admin().post("/api/v2.0/projects",
                "{\"project_name\":\"" + name + "\",\"metadata\":{\"public\":\"" + isPublic + "\"}}");
        assertEquals(201, r.statusCode(), () -> text(r));
    }

    void addMember(String project, String user, int roleId) {
        HttpResponse<byte[]> r = admin().post("/api/v2.0/projects/" + project + "/members",
                "{\"role_id\":" + roleId + ",\"member_user\":{\"username\":\"" + user + "\"}}");
        assertEquals(201, r.statusCode(), () -> text(r));
    }

    /** One client's view: every request carries the same Authorization header, if any. */
    final class Session {
        private final Optional<String> authorization;

        private Session(Optional<String> authorization) {
            this.authorization = authorization;
        }

        HttpResponse<byte[]> get(String path) {
            return send("GET", path, null, "application/json");
        }

        HttpResponse<byte[]> head(String path) {
            return send("HEAD", path, null, "application/json");
        }

        HttpResponse<byte[]> delete(String path) {
            return send("DELETE", path, null, "application/json");
        }

        HttpResponse<byte[]> post(String path, String json) {
            return send("POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        HttpResponse<byte[]> put(String path, String json) {
            return send("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        HttpResponse<byte[]> patch(String path, String json) {
            return send("PATCH", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        HttpResponse<byte[]> send(String method, String path, byte[] body, String contentType) {
            HttpRequest.Builder b = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                b.header("Content-Type", contentType);
            }
            authorization.ifPresent(a -> b.header("Authorization", a));
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Pushes a one-layer image; asserts every step succeeded. */
        void pushImage(String repo, String tag) {
            byte[] config = ("{\"repo\":\"" + repo + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] layer = ("layer of " + repo).getBytes(StandardCharsets.UTF_8);
            pushBlob(repo, config);
            pushBlob(repo, layer);
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + sha256(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + sha256(layer) + "\",\"size\":"
                    + layer.length + "}]}";
            HttpResponse<byte[]> r = send("PUT", "/v2/" + repo + "/manifests/" + tag,
                    manifest.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json");
            assertEquals(201, r.statusCode(), () -> text(r));
        }

        private void pushBlob(String repo, byte[] content) {
            HttpResponse<byte[]> started = send("POST", "/v2/" + repo + "/blobs/uploads/", new byte[0],
                    "application/octet-stream");
            assertEquals(202, started.statusCode(), () -> text(started));
            String location = started.headers().firstValue("Location").orElseThrow();
            String target = location + (location.contains("?") ? "&" : "?") + "digest=" + sha256(content);
            HttpResponse<byte[]> done = send("PUT", target, content, "application/octet-stream");
            assertEquals(201, done.statusCode(), () -> text(done));
        }
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(HttpResponse<byte[]> r) {
        return r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a status and, for errors, the envelope's code. */
    static void assertError(HttpResponse<byte[]> r, int status, String code) {
        assertEquals(status, r.statusCode(), () -> text(r));
        assertEquals(code, json(r).path("errors").path(0).path("code").asText(), () -> text(r));
    }

    static List<String> names(JsonNode array, String field) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
