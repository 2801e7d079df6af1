package io.flotilla.chaos.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.auth.Credentials;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control across a cluster: podman and skopeo log in through the balancer and push and pull; a token one
 * node issued works on every node; and every node's signing key is rotated while clients keep fetching tokens
 * from some nodes and using them on others, with no request failing.
 */
class AuthClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3);

    private final LocalCluster cluster = CLUSTER.get();
    private final Credentials admin = cluster.credentials();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void podmanAndSkopeoLogInThroughTheBalancerThenPushAndPull() throws Exception {
        String registry = cluster.endpoint().getAuthority();
        Clients clients = new Clients(work);
        assertNotEquals(0, clients.run("podman", "login", "--tls-verify=false", "-u", admin.user(), "-p",
                "wrong-" + admin.password(), registry).exitCode(), "podman login with a wrong password");
        clients.require("podman", "login", "--tls-verify=false", "-u", admin.user(), "-p", admin.password(), registry);
        clients.require("skopeo", "login", "--tls-verify=false", "-u", admin.user(), "-p", admin.password(), registry);
        Path layout = OciLayout.write(work.resolve("layout"), "v1");
        clients.require("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false", "oci:" + layout + ":v1",
                "docker://" + registry + "/auth/cluster:v1");
        Path pulled = work.resolve("pulled");
        clients.require("skopeo", "copy", "--src-tls-verify=false", "docker://" + registry + "/auth/cluster:v1",
                "dir:" + pulled);
        assertEquals(OciLayout.manifestDigest(layout), SeededContent.sha256(
                new ByteArrayInputStream(Files.readAllBytes(pulled.resolve("manifest.json")))));
        clients.require("podman", "logout", registry);
        assertNotEquals(0, clients.run("skopeo", "inspect", "--tls-verify=false", "--creds",
                admin.user() + ":nope", "docker://" + registry + "/auth/cluster:v1").exitCode());
    }

    @Test
    void aTokenFromOneNodeWorksOnEveryNode() throws Exception {
        List<URI> nodes = CLUSTER.nodeUrls();
        String token = token(nodes.get(0), "repository:auth/everywhere:pull,push");
        byte[] blob = new SeededContent(3, 4096).bytes();
        String digest = SeededContent.sha256(new ByteArrayInputStream(blob));
        HttpResponse<Void> pushed = http.send(HttpRequest.newBuilder(
                        nodes.get(1).resolve("/v2/auth/everywhere/blobs/uploads/?digest=" + digest))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(201, pushed.statusCode(), "push with node 1's token on node 2");
        for (URI node : nodes) {
            assertEquals(200, head(node, "/v2/auth/everywhere/blobs/" + digest, token), "HEAD on " + node);
        }
    }

    @Test
    void rotatingEveryKeyUnderTrafficFailsNoRequest() throws Exception {
        List<URI> nodes = CLUSTER.nodeUrls();
        OciClient client = new OciClient(RegistryAuth.tokens(admin));
        byte[] config = ImageManifest.config("rotation");
        assertEquals(201, client.pushBlob(cluster.endpoint(), "auth/rotation", config).status());
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config), List.of());
        assertEquals(201, client.pushManifest(cluster.endpoint(), "auth/rotation", "v1", manifest, MANIFEST).status());
        String scope = "repository:auth/rotation:pull";
        String early = token(nodes.get(0), scope); // signed by node 1's first key, used throughout

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> kids = ConcurrentHashMap.newKeySet();
        List<Thread> traffic = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            traffic.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    URI issuer = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
                    URI user = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
                    try {
                        String fresh = token(issuer, scope);
                        kids.add(kid(fresh));
                        for (String token : List.of(fresh, early)) {
                            int status = getManifest(user, token);
                            requests.incrementAndGet();
                            if (status != 200) {
                                failures.add("token from " + issuer + " on " + user + ": " + status);
                            }
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        Thread.sleep(1_000);
        for (int round = 0; round < 2; round++) {
            for (URI node : nodes) {
                HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(
                                node.resolve("/api/v2.0/system/signing-keys/rotate"))
                        .header("Authorization", admin.basicAuthorization()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, rotated.statusCode(), rotated.body());
                Thread.sleep(1_000);
            }
        }
        Thread.sleep(1_000);
        running.set(false);
        for (Thread t : traffic) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        System.out.printf("key rotation: 6 rotations on 3 nodes, %d requests, %d failed, %d signing keys seen%n",
                requests.get(), failures.size(), kids.size());
        assertEquals(List.of(), failures);
        assertTrue(requests.get() > 50, "too little traffic: " + requests.get());
        assertTrue(kids.size() >= 6, "tokens were signed by " + kids.size() + " keys: the rotations took no effect");
    }

    private String token(URI node, String scope) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(node.resolve(
                        "/service/token?service=flotilla-registry&scope=" + scope))
                .header("Authorization", admin.basicAuthorization()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body()).path("token").asText();
    }

    private int head(URI node, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int getManifest(URI node, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.resolve("/v2/auth/rotation/manifests/v1"))
                .header("Authorization", "Bearer " + token).header("Accept", MANIFEST)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String kid(String token) throws IOException {
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return header.path("kid").asText();
    }

    /** podman and skopeo with a private configuration: their own auth file, vfs storage, this registry insecure. */
    private static final class Clients {
        private final Map<String, String> env;
        private final Path dir;

        Clients(Path dir) throws IOException {
            this.dir = dir;
            Path storage = dir.resolve("storage.conf");
            Files.writeString(storage, "[storage]\ndriver = \"vfs\"\nrunroot = \"" + dir.resolve("run")
                    + "\"\ngraphroot = \"" + dir.resolve("graph") + "\"\n");
            Files.createDirectories(dir.resolve("home"));
            this.env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                    "HOME", dir.resolve("home").toString(), "REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString(),
                    "CONTAINERS_STORAGE_CONF", storage.toString(), "XDG_RUNTIME_DIR", dir.resolve("run").toString());
        }

        record Result(int exitCode, String output) {
        }

        Result run(String... command) throws IOException, InterruptedException {
            Path log = Files.createTempFile(dir, "client", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took over 120 s");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }

        void require(String... command) throws IOException, InterruptedException {
            Result r = run(command);
            assertEquals(0, r.exitCode(), () -> String.join(" ", command).replaceAll("-p [^ ]+", "-p ***") + ": " + r.output());
        }
    }
}
