package io.flotilla.node.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's real {@code buildah} and {@code skopeo} against one real node over plain HTTP: an image built
 * from scratch is pushed by both tools in OCI and Docker formats, pulled back and checked byte for byte,
 * listed and deleted. The tools are required: a missing one fails the class rather than skipping it.
 */
class RealClientsTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String ACCEPT = String.join(", ", OCI_MANIFEST, DOCKER_MANIFEST,
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final String LOCAL_IMAGE = "localhost/flotilla-clients:built";
    private static final String LABEL_KEY = "io.flotilla.test";
    private static final String LABEL_VALUE = "real-clients";
    private static final List<String> CMD = List.of("/usr/share/flotilla/greet.sh", "world");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static TestNode node;
    private static ClientProcesses clients;
    private static HttpClient http;
    /** The files the built image's single layer holds, by path inside the image. */
    private static Map<String, byte[]> imageFiles;

    enum Tool { BUILDAH, SKOPEO }

    enum Format {
        OCI("oci", "oci", OCI_MANIFEST),
        DOCKER("docker", "v2s2", DOCKER_MANIFEST);

        final String buildahFlag;
        final String skopeoFlag;
        final String mediaType;

        Format(String buildahFlag, String skopeoFlag, String mediaType) {
            this.buildahFlag = buildahFlag;
            this.skopeoFlag = skopeoFlag;
            this.mediaType = mediaType;
        }
    }

    @BeforeAll
    static void startNodeAndBuildImage() throws IOException {
        ClientProcesses.requireTool("skopeo");
        ClientProcesses.requireTool("buildah");
        node = TestNode.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        Path storageConf = work.resolve("storage.conf");
        Files.writeString(storageConf, """
                [storage]
                driver = "vfs"
                runroot = "%s"
                graphroot = "%s"
                """.formatted(work.resolve("cstore/run"), work.resolve("cstore/graph")));
        Path registriesConf = work.resolve("registries.conf");
        Files.writeString(registriesConf, """
                unqualified-search-registries = []
                [[registry]]
                location = "%s"
                insecure = true
                """.formatted(node.hostPort()));
        Path authFile = work.resolve("auth.json");
        Files.writeString(authFile, "{\"auths\":{}}\n");
        clients = new ClientProcesses(work, Map.of(
                "CONTAINERS_STORAGE_CONF", storageConf.toString(),
                "REGISTRIES_CONFIG_PATH", registriesConf.toString(),
                "REGISTRY_AUTH_FILE", authFile.toString(),
                "BUILDAH_ISOLATION", "chroot"), Duration.ofSeconds(90));
        // Every client below signs in through the auth file that this login fills: Docker token auth.
        clients.run("skopeo", "login", "--tls-verify=false", "--username", "admin", "--password",
                node.adminPassword(), node.hostPort());

        Path context = Files.createDirectories(work.resolve("context"));
        byte[] hello = ("hello from flotilla " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] greet = "#!/bin/sh\necho \"hello, $1\"\n".getBytes(StandardCharsets.UTF_8);
        Files.write(context.resolve("hello.txt"), hello);
        Files.write(context.resolve("greet.sh"), greet);
        imageFiles = Map.of("hello.txt", hello, "usr/share/flotilla/greet.sh", greet);

        String container = clients.run("buildah", "from", "--name", "flotilla-clients-build", "scratch").strip();
        clients.run("buildah", "copy", container, context.resolve("hello.txt").toString(), "/hello.txt");
        clients.run("buildah", "copy", "--chmod", "0755", container, context.resolve("greet.sh").toString(),
                "/usr/share/flotilla/greet.sh");
        clients.run("buildah", "config", "--cmd", JSON.writeValueAsString(CMD),
                "--label", LABEL_KEY + "=" + LABEL_VALUE, container);
        clients.run("buildah", "commit", "--quiet", container, LOCAL_IMAGE);
        clients.run("buildah", "rm", container);
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (node != null) {
            node.close();
            deleteTree(node.dataDir());
        }
    }

    @ParameterizedTest(name = "{0} pushes {1} to {2}:{3}")
    @CsvSource({
            "BUILDAH, OCI,    http-tests/oci,    buildah",
            "BUILDAH, DOCKER, http-tests/docker, buildah",
            "SKOPEO,  OCI,    http-tests/oci,    skopeo",
            "SKOPEO,  DOCKER, http-tests/docker, skopeo",
    })
    void pushedImagesComeBackIntact(Tool tool, Format format, String repo, String tag) throws Exception {
        String pushed = push(tool, format, repo + ":" + tag);

        // What the registry says about the tag: the pushed digest, served as the manifest's own media type.
        HttpResponse<Void> head = head("/v2/" + repo + "/manifests/" + tag);
        assertEquals(200, head.statusCode(), "HEAD of the tag");
        assertEquals(pushed, head.headers().firstValue("Docker-Content-Digest").orElse(null), "digest header of the tag");
        assertEquals(format.mediaType, head.headers().firstValue("Content-Type").orElse(null), "Content-Type of HEAD");

        // skopeo's raw view hashes to that digest; GET by digest serves those very bytes and type.
        byte[] raw = clients.runForBytes("skopeo", "inspect", "--tls-verify=false", "--raw", ref(repo + ":" + tag))
                .stdoutBytes();
        assertEquals(pushed, sha256(raw), "sha256 of skopeo inspect --raw");
        HttpResponse<byte[]> get = http.send(request("/v2/" + repo + "/manifests/" + pushed).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode(), "GET by digest");
        assertArrayEquals(raw, get.body(), "manifest bytes by digest and by tag");
        assertEquals(pushed, get.headers().firstValue("Docker-Content-Digest").orElse(null));
        JsonNode manifest = JSON.readTree(raw);
        assertEquals(format.mediaType, manifest.path("mediaType").asText(), "mediaType in the manifest");
        assertEquals(format.mediaType, get.headers().firstValue("Content-Type").orElse(null), "Content-Type of GET");

        JsonNode inspected = JSON.readTree(clients.run("skopeo", "inspect", "--tls-verify=false", ref(repo + ":" + tag)));
        assertEquals(pushed, inspected.path("Digest").asText(), "skopeo inspect Digest");
        assertEquals(LABEL_VALUE, inspected.path("Labels").path(LABEL_KEY).asText(), "label via skopeo inspect");

        Path pulled = Files.createDirectories(work.resolve("pulled").resolve(tool + "-" + format));
        Path dir = pulled.resolve("dir");
        clients.run("skopeo", "copy", "--src-tls-verify=false", ref(repo + ":" + tag), "dir:" + dir);
        verifyDirCopy(dir, pushed, raw);

        Path layout = pulled.resolve("layout");
        clients.run("skopeo", "copy", "--src-tls-verify=false", ref(repo + ":" + tag), "oci:" + layout + ":" + tag);
        verifyOciLayout(layout, tag, format == Format.OCI ? pushed : null);
    }

    @Test
    void listTagsShowsEveryTagOfTheRepository() throws Exception {
        String repo = "http-tests/list";
        String one = push(Tool.BUILDAH, Format.OCI, repo + ":one");
        String two = push(Tool.SKOPEO, Format.DOCKER, repo + ":two");
        // registry to registry: the tool finds every blob already there and only re-tags
        clients.run("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                ref(repo + ":one"), ref(repo + ":three"));

        JsonNode listed = JSON.readTree(clients.run("skopeo", "list-tags", "--tls-verify=false", ref(repo)));
        assertEquals(Set.of("one", "two", "three"), texts(listed.path("Tags")), "skopeo list-tags");
        assertEquals(one, digestOf(repo, "three"), "a copy within the registry keeps the manifest");
        assertEquals(two, digestOf(repo, "two"));
        assertFalse(one.equals(two), "OCI and Docker manifests differ");
    }

    @Test
    void deletingAManifestByDigestLeavesTheOthersWorking() throws Exception {
        String repo = "http-tests/delete";
        String other = "http-tests/delete-other";
        String kept = push(Tool.SKOPEO, Format.OCI, repo + ":keep");
        assertEquals(kept, push(Tool.BUILDAH, Format.OCI, repo + ":keep-too"), "same image, same format, same digest");
        String doomed = push(Tool.BUILDAH, Format.DOCKER, repo + ":doomed");
        assertEquals(doomed, push(Tool.SKOPEO, Format.DOCKER, other + ":doomed"), "the same manifest in another repo");
        assertEquals(Set.of("keep", "keep-too", "doomed"), listTags(repo));

        clients.run("skopeo", "delete", "--tls-verify=false", ref(repo + "@" + doomed));

        assertEquals(404, head("/v2/" + repo + "/manifests/" + doomed).statusCode(), "HEAD by the deleted digest");
        assertEquals(404, head("/v2/" + repo + "/manifests/doomed").statusCode(), "HEAD by the deleted manifest's tag");
        ClientProcesses.Result byDigest = clients.attempt("skopeo", "inspect", "--tls-verify=false", "--raw",
                ref(repo + "@" + doomed));
        assertFalse(byDigest.succeeded(), "skopeo inspect of the deleted digest must fail: " + byDigest.describe());
        ClientProcesses.Result byTag = clients.attempt("skopeo", "inspect", "--tls-verify=false", "--raw",
                ref(repo + ":doomed"));
        assertFalse(byTag.succeeded(), "skopeo inspect of the deleted manifest's tag must fail: " + byTag.describe());
        assertEquals(Set.of("keep", "keep-too"), listTags(repo), "tags after the delete");

        // The other manifest, sharing the layer, and the same manifest in another repository still work.
        for (String tag : List.of("keep", "keep-too")) {
            assertEquals(kept, digestOf(repo, tag));
            Path dir = work.resolve("pulled-after-delete").resolve(tag);
            Files.createDirectories(dir.getParent());
            clients.run("skopeo", "copy", "--src-tls-verify=false", ref(repo + ":" + tag), "dir:" + dir);
            verifyDirCopy(dir, kept, Files.readAllBytes(dir.resolve("manifest.json")));
        }
        assertEquals(doomed, digestOf(other, "doomed"), "the other repository keeps its copy");
        Path otherDir = work.resolve("pulled-after-delete").resolve("other");
        clients.run("skopeo", "copy", "--src-tls-verify=false", ref(other + ":doomed"), "dir:" + otherDir);
        verifyDirCopy(otherDir, doomed, Files.readAllBytes(otherDir.resolve("manifest.json")));
    }

    // --- pushing and asking ---

    /** Pushes the built image with {@code tool} in {@code format}; returns the digest the tool reports. */
    private static String push(Tool tool, Format format, String repoAndTag) throws IOException {
        Path digestFile = Files.createTempFile(work, "digest-", ".txt");
        switch (tool) {
            case BUILDAH -> clients.run("buildah", "push", "--quiet", "--retry", "0", "--tls-verify=false",
                    "--format", format.buildahFlag, "--digestfile", digestFile.toString(), LOCAL_IMAGE, ref(repoAndTag));
            case SKOPEO -> clients.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
                    "--format", format.skopeoFlag, "--digestfile", digestFile.toString(),
                    "containers-storage:" + LOCAL_IMAGE, ref(repoAndTag));
        }
        String digest = Files.readString(digestFile).strip();
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), tool + " reported digest '" + digest + "'");
        return digest;
    }

    private static String ref(String repoAndReference) {
        return "docker://" + node.hostPort() + "/" + repoAndReference;
    }

    private static Set<String> listTags(String repo) throws IOException {
        return texts(JSON.readTree(clients.run("skopeo", "list-tags", "--tls-verify=false", ref(repo))).path("Tags"));
    }

    private static String digestOf(String repo, String tag) throws Exception {
        HttpResponse<Void> head = head("/v2/" + repo + "/manifests/" + tag);
        assertEquals(200, head.statusCode(), "HEAD " + repo + ":" + tag);
        return head.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static HttpResponse<Void> head(String path) throws Exception {
        return http.send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static HttpRequest.Builder request(String path) {
        return node.adminRequest(path).timeout(Duration.ofSeconds(30)).header("Accept", ACCEPT);
    }

    // --- verifying what came back ---

    /** A {@code dir:} copy: the manifest is the pushed one, and every blob file hashes to its name. */
    private static void verifyDirCopy(Path dir, String manifestDigest, byte[] rawManifest) throws IOException {
        byte[] manifestBytes = Files.readAllBytes(dir.resolve("manifest.json"));
        assertEquals(manifestDigest, sha256(manifestBytes), "dir: manifest.json digest");
        assertArrayEquals(rawManifest, manifestBytes, "dir: manifest.json bytes");
        Set<String> blobFiles = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals("manifest.json") || name.equals("version")) {
                    continue;
                }
                assertTrue(name.matches("[0-9a-f]{64}"), "unexpected file in the dir: copy: " + name);
                assertEquals("sha256:" + name, sha256(Files.readAllBytes(file)), "blob " + name + " hashes to its name");
                blobFiles.add("sha256:" + name);
            }
        }
        JsonNode manifest = JSON.readTree(manifestBytes);
        assertEquals(referencedBlobs(manifest), blobFiles, "blobs in the dir: copy");
        verifyImage(manifest, digest -> Files.readAllBytes(dir.resolve(digest.substring("sha256:".length()))));
    }

    /** An {@code oci:} layout copy: every blob hashes to its name and the tagged manifest's blobs are all there. */
    private static void verifyOciLayout(Path layout, String tag, String expectedManifestDigest) throws IOException {
        Path blobs = layout.resolve("blobs/sha256");
        Set<String> present = new HashSet<>();
        try (Stream<Path> files = Files.list(blobs)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                assertEquals("sha256:" + name, sha256(Files.readAllBytes(file)), "layout blob " + name + " hashes to its name");
                present.add("sha256:" + name);
            }
        }
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode entry = null;
        for (JsonNode m : index.path("manifests")) {
            if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                entry = m;
            }
        }
        assertNotNull(entry, "index.json names " + tag + ": " + index);
        String digest = entry.path("digest").asText();
        if (expectedManifestDigest != null) {
            assertEquals(expectedManifestDigest, digest, "an OCI manifest is copied into the layout unchanged");
        }
        assertTrue(present.contains(digest), "layout holds its manifest " + digest);
        byte[] manifestBytes = Files.readAllBytes(blobs.resolve(digest.substring("sha256:".length())));
        assertEquals(entry.path("size").asLong(), manifestBytes.length, "manifest size in index.json");
        JsonNode manifest = JSON.readTree(manifestBytes);
        assertEquals(OCI_MANIFEST, manifest.path("mediaType").asText(), "layout manifest mediaType");
        Set<String> referenced = referencedBlobs(manifest);
        assertTrue(present.containsAll(referenced), "layout holds " + referenced + " but has " + present);
        verifyImage(manifest, d -> Files.readAllBytes(blobs.resolve(d.substring("sha256:".length()))));
    }

    private interface BlobSource {
        byte[] read(String digest) throws IOException;
    }

    /** The image is the one built: its config carries the label and command, its layer the test's files. */
    private static void verifyImage(JsonNode manifest, BlobSource blobs) throws IOException {
        JsonNode configDescriptor = manifest.path("config");
        byte[] configBytes = blobs.read(configDescriptor.path("digest").asText());
        assertEquals(configDescriptor.path("size").asLong(), configBytes.length, "config size");
        JsonNode config = JSON.readTree(configBytes);
        assertEquals(LABEL_VALUE, config.path("config").path("Labels").path(LABEL_KEY).asText(), "label in the config");
        assertEquals(CMD, strings(config.path("config").path("Cmd")), "Cmd in the config");
        JsonNode layers = manifest.path("layers");
        assertEquals(1, layers.size(), "layers: " + layers);
        byte[] layer = blobs.read(layers.get(0).path("digest").asText());
        assertEquals(layers.get(0).path("size").asLong(), layer.length, "layer size");
        Map<String, byte[]> files = untarGzip(layer);
        for (Map.Entry<String, byte[]> expected : imageFiles.entrySet()) {
            assertTrue(files.containsKey(expected.getKey()), "layer holds " + expected.getKey() + ": " + files.keySet());
            assertArrayEquals(expected.getValue(), files.get(expected.getKey()), "content of " + expected.getKey());
        }
        List<String> diffIds = strings(config.path("rootfs").path("diff_ids"));
        assertEquals(List.of(sha256(gunzip(layer))), diffIds, "diff_ids name the uncompressed layer");
    }

    private static Set<String> referencedBlobs(JsonNode manifest) {
        Set<String> digests = new HashSet<>();
        digests.add(manifest.path("config").path("digest").asText());
        for (JsonNode layer : manifest.path("layers")) {
            digests.add(layer.path("digest").asText());
        }
        return digests;
    }

    private static Set<String> texts(JsonNode array) {
        return new HashSet<>(strings(array));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Regular files in a gzipped tar, by path without a leading {@code ./}; enough of ustar/pax for a layer. */
    private static Map<String, byte[]> untarGzip(byte[] gz) throws IOException {
        byte[] tar = gunzip(gz);
        Map<String, byte[]> files = new HashMap<>();
        int pos = 0;
        String paxPath = null;
        while (pos + 512 <= tar.length) {
            if (isZeroBlock(tar, pos)) {
                break;
            }
            String name = field(tar, pos, 100);
            String prefix = field(tar, pos + 345, 155);
            String octalSize = field(tar, pos + 124, 12).strip();
            long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
            char type = (char) tar[pos + 156];
            int data = pos + 512;
            if (data + size > tar.length) {
                fail("truncated tar entry " + name);
            }
            if (type == 'x') {
                paxPath = paxValue(new String(tar, data, (int) size, StandardCharsets.UTF_8), "path");
            } else if (type != 'g') {
                String path = paxPath != null ? paxPath : (prefix.isEmpty() ? name : prefix + "/" + name);
                paxPath = null;
                if (path.startsWith("./")) {
                    path = path.substring(2);
                }
                if (type == '0' || type == '\0') {
                    byte[] content = new byte[(int) size];
                    System.arraycopy(tar, data, content, 0, (int) size);
                    files.put(path, content);
                }
            }
            pos = data + (int) ((size + 511) / 512 * 512);
        }
        return files;
    }

    private static String paxValue(String records, String key) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            int eq = record.indexOf('=');
            if (space > 0 && eq > space && record.substring(space + 1, eq).equals(key)) {
                return record.substring(eq + 1);
            }
        }
        return null;
    }

    private static boolean isZeroBlock(byte[] tar, int pos) {
        for (int i = pos; i < pos + 512; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            }
        }
    }
}
