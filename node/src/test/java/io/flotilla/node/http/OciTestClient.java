package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.TestNode;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deliberately plain OCI client for the HTTP tests: it owns one real {@link TestNode}, sends raw requests
 * with {@link HttpClient}, and does the pushes most tests need as setup. It hashes content itself, so the
 * tests never trust the node's own digest code to check the node.
 */
final class OciTestClient implements BeforeAllCallback, AfterAllCallback {
    static final String OCTET_STREAM = "application/octet-stream";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger REPOS = new AtomicInteger();

    private TestNode node;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Sent with every request that sets none itself: the admin's, unless a test signs in as someone else. */
    private String authorization;

    private final Map<String, String> overrides;

    private OciTestClient(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    /** Header names of name, value pairs, lower-cased. */
    private static java.util.Set<String> names(String... headers) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < headers.length; i += 2) {
            names.add(headers[i].toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    /**
     * Sends {@code authorization} (null: nothing, an anonymous caller) with every later request that sets no
     * Authorization header itself, until called again; {@link #signInAsAdmin()} goes back to the admin.
     */
    void signInAs(String authorization) {
        this.authorization = authorization;
    }

    void signInAsAdmin() {
        this.authorization = node.adminAuthorization();
    }

    /** The node under test. */
    TestNode node() {
        return node;
    }

    /**
     * A client whose node runs for the test class that registers it
     * ({@code @RegisterExtension static final OciTestClient oci = OciTestClient.perClass();}).
     */
    static OciTestClient perClass() {
        return new OciTestClient(Map.of());
    }

    /** As {@link #perClass()}, the node configured with {@code overrides} (dotted keys). */
    static OciTestClient perClass(Map<String, String> overrides) {
        return new OciTestClient(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = TestNode.start(overrides);
        authorization = node.adminAuthorization();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        http.close();
        node.close();
    }

    /** A repository name no other test has used: {@code prefix/<n>}. */
    static String uniqueRepo(String prefix) {
        return prefix + "/r" + REPOS.incrementAndGet();
    }

    // ---- raw requests -------------------------------------------------------------------------------

    /** Sends a request; {@code headers} are name, value pairs. {@code pathOrUrl} may be a Location value. */
    HttpResponse<byte[]> send(String method, String pathOrUrl, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathOrUrl))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (authorization != null && !names(headers).contains("authorization")) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathOrUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, BodyPublishers.noBody(), headers);
    }

    HttpResponse<byte[]> head(String path, String... headers) {
        return send("HEAD", path, BodyPublishers.noBody(), headers);
    }

    HttpResponse<byte[]> delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody());
    }

    HttpResponse<byte[]> post(String path, byte[] body, String... headers) {
        return send("POST", path, BodyPublishers.ofByteArray(body), headers);
    }

    HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
        return send("PUT", path, BodyPublishers.ofByteArray(body), headers);
    }

    HttpResponse<byte[]> patch(String path, byte[] body, String... headers) {
        return send("PATCH", path, BodyPublishers.ofByteArray(body), headers);
    }

    /** A Location header (absolute path or URL) or a path, as a URI on the node. */
    URI resolve(String pathOrUrl) {
        return node.uri("/").resolve(pathOrUrl);
    }

    /** Appends a query parameter to a path or Location that may already hold a query. */
    static String withQuery(String location, String parameter) {
        return location + (location.contains("?") ? "&" : "?") + parameter;
    }

    // ---- pushes -------------------------------------------------------------------------------------

    /** Starts an upload session and returns its Location. */
    String startUpload(String repo) {
        HttpResponse<byte[]> started = post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
        assertEquals(202, started.statusCode(), () -> "POST upload: " + text(started));
        return header(started, "Location");
    }

    /** Pushes a blob monolithically (POST, then PUT with the whole body) under its sha256 digest. */
    Blob pushBlob(String repo, String mediaType, byte[] content) {
        return pushBlob(repo, new Blob(mediaType, sha256(content), content));
    }

    /** Pushes a blob monolithically under the digest it names (sha256 or sha512). */
    Blob pushBlob(String repo, Blob blob) {
        String location = startUpload(repo);
        HttpResponse<byte[]> done = put(withQuery(location, "digest=" + blob.digest()), blob.content(),
                "Content-Type", OCTET_STREAM);
        assertEquals(201, done.statusCode(), () -> "PUT upload: " + text(done));
        return blob;
    }

    /** Pushes a manifest and asserts it was created; returns the response. */
    HttpResponse<byte[]> pushManifest(String repo, String reference, String contentType, byte[] body) {
        HttpResponse<byte[]> pushed = put("/v2/" + repo + "/manifests/" + reference, body, "Content-Type", contentType);
        assertEquals(201, pushed.statusCode(), () -> "PUT manifest: " + text(pushed));
        return pushed;
    }

    /** Pushes a config and one layer, then an OCI image manifest naming them under {@code tag}; returns its bytes. */
    byte[] pushImage(String repo, String tag, String layerText) {
        Blob config = pushBlob(repo, OCI_CONFIG, ("{\"layer\":\"" + layerText + "\"}").getBytes(StandardCharsets.UTF_8));
        Blob layer = pushBlob(repo, OCI_LAYER, layerText.getBytes(StandardCharsets.UTF_8));
        byte[] manifest = bytes(imageManifest(OCI_MANIFEST, config, layer));
        pushManifest(repo, tag, OCI_MANIFEST, manifest);
        return manifest;
    }

    // ---- manifests as JSON --------------------------------------------------------------------------

    /** A blob with the media type a descriptor gives it. */
    record Blob(String mediaType, String digest, byte[] content) {
        ObjectNode descriptor() {
            return OciTestClient.descriptor(mediaType, digest, content.length);
        }
    }

    static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    /** An image manifest (OCI or Docker schema 2, by {@code mediaType}) of a config and layers. */
    static ObjectNode imageManifest(String mediaType, Blob config, Blob... layers) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", mediaType);
        m.set("config", config.descriptor());
        ArrayNode array = m.putArray("layers");
        for (Blob layer : layers) {
            array.add(layer.descriptor());
        }
        return m;
    }

    /** An index (OCI or Docker manifest list, by {@code mediaType}) of child descriptors. */
    static ObjectNode index(String mediaType, ObjectNode... children) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", mediaType);
        ArrayNode array = m.putArray("manifests");
        for (ObjectNode child : children) {
            array.add(child);
        }
        return m;
    }

    /** Pretty-printed, so a registry that re-serialised the JSON would change the bytes and the digest. */
    static byte[] bytes(JsonNode json) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("response is not JSON: " + text(response), e);
        }
    }

    /** The text values of a JSON array, in order. */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---- digests and assertions ---------------------------------------------------------------------

    static String sha256(byte[] content) {
        return "sha256:" + hash("SHA-256", content);
    }

    static String sha512(byte[] content) {
        return "sha512:" + hash("SHA-512", content);
    }

    private static String hash(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The header's value, failing if it is absent. */
    static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name)
                .orElseThrow(() -> new AssertionError("no " + name + " header on " + text(response)));
    }

    /**
     * Asserts the OCI error envelope {@code {"errors":[{"code","message",...}]}} with {@code code} first and
     * the given status, served as JSON.
     */
    static void assertError(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), () -> text(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "error without a JSON Content-Type: " + response.headers().map());
        JsonNode errors = json(response).path("errors");
        assertTrue(errors.isArray() && !errors.isEmpty(), () -> "no errors array: " + text(response));
        assertEquals(code, errors.get(0).path("code").asText(), () -> text(response));
        assertTrue(errors.get(0).path("message").isTextual(), () -> "no message: " + text(response));
        assertFalse(errors.get(0).path("message").asText().isBlank(), () -> "empty message: " + text(response));
    }
}
