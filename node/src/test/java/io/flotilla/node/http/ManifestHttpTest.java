package io.flotilla.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.flotilla.node.http.OciTestClient.DOCKER_LIST;
import static io.flotilla.node.http.OciTestClient.DOCKER_MANIFEST;
import static io.flotilla.node.http.OciTestClient.OCI_CONFIG;
import static io.flotilla.node.http.OciTestClient.OCI_EMPTY;
import static io.flotilla.node.http.OciTestClient.OCI_INDEX;
import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.bytes;
import static io.flotilla.node.http.OciTestClient.descriptor;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.imageManifest;
import static io.flotilla.node.http.OciTestClient.index;
import static io.flotilla.node.http.OciTestClient.sha256;
import static io.flotilla.node.http.OciTestClient.sha512;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * end-3 and end-7: manifests of every supported kind are stored byte for byte and served back by tag and
 * by digest with the type they were pushed as.
 */
class ManifestHttpTest {
    private static final String EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    /** Asserts GET and HEAD by tag and by digest serve exactly {@code body} as {@code contentType}. */
    private static void assertServed(String repo, String tag, String contentType, byte[] body) {
        String digest = sha256(body);
        for (String reference : new String[] {tag, digest}) {
            String path = "/v2/" + repo + "/manifests/" + reference;
            HttpResponse<byte[]> got = oci.get(path, "Accept", contentType);
            assertEquals(200, got.statusCode(), () -> OciTestClient.text(got));
            assertArrayEquals(body, got.body());
            assertEquals(contentType, header(got, "Content-Type"));
            assertEquals(digest, header(got, "Docker-Content-Digest"));

            HttpResponse<byte[]> head = oci.head(path);
            assertEquals(200, head.statusCode());
            assertEquals(contentType, header(head, "Content-Type"));
            assertEquals(digest, header(head, "Docker-Content-Digest"));
            assertEquals(String.valueOf(body.length), header(head, "Content-Length"));
            assertEquals(0, head.body().length);
        }
    }

    private static void assertCreated(HttpResponse<byte[]> r, String repo, String digest) {
        assertEquals(201, r.statusCode());
        assertEquals("/v2/" + repo + "/manifests/" + digest, header(r, "Location"));
        assertEquals(digest, header(r, "Docker-Content-Digest"));
    }

    private static Blob config(String repo, String mediaType, String text) {
        return oci.pushBlob(repo, mediaType, ("{\"c\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Blob layer(String repo, String mediaType, String text) {
        return oci.pushBlob(repo, mediaType, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ociImageManifestsRoundTripByteForByte() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config(repo, OCI_CONFIG, "oci"), layer(repo, OCI_LAYER, "oci")));

        assertCreated(oci.pushManifest(repo, "v1", OCI_MANIFEST, body), repo, sha256(body));
        assertServed(repo, "v1", OCI_MANIFEST, body);
    }

    @Test
    void ociIndexesRoundTripAndMayNameChildrenNotYetPushed() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] child = oci.pushImage(repo, "amd64", "amd64 layer");
        ObjectNode known = descriptor(OCI_MANIFEST, sha256(child), child.length);
        known.putObject("platform").put("architecture", "amd64").put("os", "linux");
        ObjectNode missing = descriptor(OCI_MANIFEST, sha256("not pushed".getBytes(StandardCharsets.UTF_8)), 10);
        missing.putObject("platform").put("architecture", "arm64").put("os", "linux");
        byte[] body = bytes(index(OCI_INDEX, known, missing));

        assertCreated(oci.pushManifest(repo, "multi", OCI_INDEX, body), repo, sha256(body));
        assertServed(repo, "multi", OCI_INDEX, body);
    }

    @Test
    void dockerSchema2ManifestsRoundTrip() {
        String repo = OciTestClient.uniqueRepo("manifest");
        Blob config = config(repo, "application/vnd.docker.container.image.v1+json", "docker");
        Blob layer = layer(repo, "application/vnd.docker.image.rootfs.diff.tar.gzip", "docker");
        byte[] body = bytes(imageManifest(DOCKER_MANIFEST, config, layer));

        assertCreated(oci.pushManifest(repo, "docker", DOCKER_MANIFEST, body), repo, sha256(body));
        assertServed(repo, "docker", DOCKER_MANIFEST, body);
    }

    @Test
    void dockerManifestListsRoundTrip() {
        String repo = OciTestClient.uniqueRepo("manifest");
        Blob config = config(repo, "application/vnd.docker.container.image.v1+json", "list child");
        Blob layer = layer(repo, "application/vnd.docker.image.rootfs.diff.tar.gzip", "list child");
        byte[] child = bytes(imageManifest(DOCKER_MANIFEST, config, layer));
        oci.pushManifest(repo, sha256(child), DOCKER_MANIFEST, child);
        ObjectNode entry = descriptor(DOCKER_MANIFEST, sha256(child), child.length);
        entry.putObject("platform").put("architecture", "amd64").put("os", "linux");
        byte[] body = bytes(index(DOCKER_LIST, entry));

        assertCreated(oci.pushManifest(repo, "list", DOCKER_LIST, body), repo, sha256(body));
        assertServed(repo, "list", DOCKER_LIST, body);
    }

    @Test
    void artifactManifestsWithTheEmptyConfigRoundTrip() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] empty = "{}".getBytes(StandardCharsets.US_ASCII);
        assertEquals(EMPTY_DIGEST, sha256(empty));
        Blob config = oci.pushBlob(repo, OCI_EMPTY, empty);
        Blob payload = layer(repo, "application/vnd.example.sbom.v1+json", "{\"packages\":[]}");
        ObjectNode manifest = imageManifest(OCI_MANIFEST, config, payload);
        manifest.put("artifactType", "application/vnd.example.sbom.v1");
        byte[] body = bytes(manifest);

        assertEquals(EMPTY_DIGEST, manifest.get("config").get("digest").asText());
        assertEquals(2, manifest.get("config").get("size").asInt());
        assertCreated(oci.pushManifest(repo, "sbom", OCI_MANIFEST, body), repo, sha256(body));
        assertServed(repo, "sbom", OCI_MANIFEST, body);
        assertArrayEquals(empty, oci.get("/v2/" + repo + "/blobs/" + EMPTY_DIGEST).body());
    }

    @Test
    void aPutByDigestStoresWithoutTagging() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config(repo, OCI_CONFIG, "bydigest"), layer(repo, OCI_LAYER, "d")));
        String digest = sha256(body);

        assertCreated(oci.pushManifest(repo, digest, OCI_MANIFEST, body), repo, digest);
        assertArrayEquals(body, oci.get("/v2/" + repo + "/manifests/" + digest).body());
        assertEquals(0, OciTestClient.json(oci.get("/v2/" + repo + "/tags/list")).get("tags").size());
    }

    @Test
    void sha512ManifestsOfSha512BlobsArePushedAndPulledByDigest() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] configBytes = "{\"sha\":512}".getBytes(StandardCharsets.UTF_8);
        byte[] layerBytes = "sha512 layer".getBytes(StandardCharsets.UTF_8);
        Blob config = oci.pushBlob(repo, new Blob(OCI_CONFIG, sha512(configBytes), configBytes));
        Blob layer = oci.pushBlob(repo, new Blob(OCI_LAYER, sha512(layerBytes), layerBytes));
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config, layer));
        String digest = sha512(body);

        assertCreated(oci.pushManifest(repo, digest, OCI_MANIFEST, body), repo, digest);
        HttpResponse<byte[]> got = oci.get("/v2/" + repo + "/manifests/" + digest);
        assertEquals(200, got.statusCode());
        assertArrayEquals(body, got.body());
        assertEquals(digest, header(got, "Docker-Content-Digest"));
        assertEquals(digest, header(oci.head("/v2/" + repo + "/manifests/" + digest), "Docker-Content-Digest"));
    }

    @Test
    void aSubjectIsAcknowledgedWithOciSubjectEvenIfItIsNotPushedYet() {
        String repo = OciTestClient.uniqueRepo("manifest");
        String subject = sha256("an image pushed later".getBytes(StandardCharsets.UTF_8));
        Blob config = oci.pushBlob(repo, OCI_EMPTY, "{}".getBytes(StandardCharsets.US_ASCII));
        ObjectNode manifest = imageManifest(OCI_MANIFEST, config);
        manifest.put("artifactType", "application/vnd.example.signature.v1");
        manifest.set("subject", descriptor(OCI_MANIFEST, subject, 1234));
        byte[] body = bytes(manifest);

        HttpResponse<byte[]> r = oci.pushManifest(repo, sha256(body), OCI_MANIFEST, body);
        assertEquals(subject, header(r, "OCI-Subject"));
        assertServed(repo, sha256(body), OCI_MANIFEST, body);
    }

    @Test
    void withoutASubjectThereIsNoOciSubjectHeader() {
        String repo = OciTestClient.uniqueRepo("manifest");
        HttpResponse<byte[]> r = oci.put("/v2/" + repo + "/manifests/plain",
                oci.pushImage(repo, "first", "plain"), "Content-Type", OCI_MANIFEST);
        assertEquals(201, r.statusCode());
        assertFalse(r.headers().firstValue("OCI-Subject").isPresent());
    }

    @Test
    void pushingATagAgainMovesIt() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] first = oci.pushImage(repo, "latest", "first");
        byte[] second = oci.pushImage(repo, "latest", "second");

        assertArrayEquals(second, oci.get("/v2/" + repo + "/manifests/latest").body());
        assertArrayEquals(first, oci.get("/v2/" + repo + "/manifests/" + sha256(first)).body());
    }

    @Test
    void contentTypeParametersAreNotServedBack() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config(repo, OCI_CONFIG, "params"), layer(repo, OCI_LAYER, "p")));
        oci.pushManifest(repo, "params", OCI_MANIFEST + "; charset=utf-8", body);
        assertServed(repo, "params", OCI_MANIFEST, body);
    }

    @Test
    void withoutContentTypeTheBodyMediaTypeIsUsed() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config(repo, OCI_CONFIG, "untyped"), layer(repo, OCI_LAYER, "u")));
        HttpResponse<byte[]> r = oci.put("/v2/" + repo + "/manifests/untyped", body);
        assertCreated(r, repo, sha256(body));
        assertServed(repo, "untyped", OCI_MANIFEST, body);
    }

    @Test
    void foreignLayersWithUrlsNeedNotBePushed() {
        String repo = OciTestClient.uniqueRepo("manifest");
        Blob config = config(repo, "application/vnd.docker.container.image.v1+json", "foreign");
        ObjectNode foreign = descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                sha256("windows base layer".getBytes(StandardCharsets.UTF_8)), 18);
        foreign.putArray("urls").add("https://example.com/layer.tar.gz");
        ObjectNode manifest = imageManifest(DOCKER_MANIFEST, config);
        manifest.withArray("layers").add(foreign);
        byte[] body = bytes(manifest);

        assertCreated(oci.pushManifest(repo, "foreign", DOCKER_MANIFEST, body), repo, sha256(body));
        assertServed(repo, "foreign", DOCKER_MANIFEST, body);
    }

    @Test
    void tagsOfEveryValidShapeAreAccepted() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] body = oci.pushImage(repo, "first", "shapes");
        for (String tag : new String[] {"_x", "A.b-C_d", "1", "t".repeat(128)}) {
            oci.pushManifest(repo, tag, OCI_MANIFEST, body);
            assertArrayEquals(body, oci.get("/v2/" + repo + "/manifests/" + tag).body(), tag);
        }
    }

    @Test
    void unknownManifestsAre404ManifestUnknown() {
        String repo = OciTestClient.uniqueRepo("manifest");
        byte[] body = oci.pushImage(repo, "exists", "exists");
        String missing = sha256("missing".getBytes(StandardCharsets.UTF_8));

        assertError(oci.get("/v2/" + repo + "/manifests/absent"), 404, "MANIFEST_UNKNOWN");
        assertError(oci.get("/v2/" + repo + "/manifests/" + missing), 404, "MANIFEST_UNKNOWN");
        assertEquals(404, oci.head("/v2/" + repo + "/manifests/absent").statusCode());
        assertError(oci.get("/v2/never/pushed/manifests/latest"), 404, "MANIFEST_UNKNOWN");
        String other = OciTestClient.uniqueRepo("manifest");
        oci.pushImage(other, "exists", "other");
        assertError(oci.get("/v2/" + other + "/manifests/" + sha256(body)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void invalidReferencesAre400() {
        String repo = OciTestClient.uniqueRepo("manifest");
        assertError(oci.get("/v2/" + repo + "/manifests/-leading-dash"), 400, "MANIFEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/manifests/" + "t".repeat(129)), 400, "MANIFEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/manifests/sha256:totallywrong"), 400, "DIGEST_INVALID");
    }
}
