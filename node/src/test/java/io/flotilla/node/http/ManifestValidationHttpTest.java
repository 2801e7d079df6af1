package io.flotilla.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.flotilla.node.http.OciTestClient.DOCKER_MANIFEST;
import static io.flotilla.node.http.OciTestClient.OCI_CONFIG;
import static io.flotilla.node.http.OciTestClient.OCI_INDEX;
import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.bytes;
import static io.flotilla.node.http.OciTestClient.imageManifest;
import static io.flotilla.node.http.OciTestClient.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** end-7 refusals: what a manifest push must not get away with, and that a refused push stores nothing. */
class ManifestValidationHttpTest {
    private static final int LIMIT = 4 * 1024 * 1024;

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    private static Blob pushed(String repo, String mediaType, String text) {
        return oci.pushBlob(repo, mediaType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Blob notPushed(String mediaType, String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new Blob(mediaType, sha256(content), content);
    }

    /** Asserts the push is refused with {@code code}, and that neither the tag nor the digest appeared. */
    private static void assertRefused(String repo, String contentType, byte[] body, int status, String code) {
        assertError(oci.put("/v2/" + repo + "/manifests/refused", body, "Content-Type", contentType), status, code);
        assertError(oci.get("/v2/" + repo + "/manifests/refused"), 404, "MANIFEST_UNKNOWN");
        assertError(oci.get("/v2/" + repo + "/manifests/" + sha256(body)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void aMissingConfigIsManifestBlobUnknown() {
        String repo = OciTestClient.uniqueRepo("invalid");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, notPushed(OCI_CONFIG, "{}"), pushed(repo, OCI_LAYER, "l")));
        assertRefused(repo, OCI_MANIFEST, body, 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aMissingLayerIsManifestBlobUnknown() {
        String repo = OciTestClient.uniqueRepo("invalid");
        Blob config = pushed(repo, OCI_CONFIG, "{\"a\":1}");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config, pushed(repo, OCI_LAYER, "l1"), notPushed(OCI_LAYER, "l2")));
        assertRefused(repo, OCI_MANIFEST, body, 400, "MANIFEST_BLOB_UNKNOWN");

        Blob dockerConfig = pushed(repo, "application/vnd.docker.container.image.v1+json", "{\"d\":1}");
        byte[] docker = bytes(imageManifest(DOCKER_MANIFEST, dockerConfig,
                notPushed("application/vnd.docker.image.rootfs.diff.tar.gzip", "dl")));
        assertRefused(repo, DOCKER_MANIFEST, docker, 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aBlobOnlyAnotherRepositoryHoldsIsManifestBlobUnknown() {
        String repo = OciTestClient.uniqueRepo("invalid");
        String other = OciTestClient.uniqueRepo("invalid");
        Blob config = pushed(repo, OCI_CONFIG, "{\"b\":1}");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, config, pushed(other, OCI_LAYER, "elsewhere")));
        assertRefused(repo, OCI_MANIFEST, body, 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aBodyMediaTypeThatContradictsContentTypeIsManifestInvalid() {
        String repo = OciTestClient.uniqueRepo("invalid");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, pushed(repo, OCI_CONFIG, "{\"c\":1}"), pushed(repo, OCI_LAYER, "c")));
        assertRefused(repo, DOCKER_MANIFEST, body, 400, "MANIFEST_INVALID");
        assertRefused(repo, OCI_INDEX, body, 400, "MANIFEST_INVALID");
    }

    @Test
    void malformedManifestsAreManifestInvalid() {
        String repo = OciTestClient.uniqueRepo("invalid");
        Blob config = pushed(repo, OCI_CONFIG, "{\"m\":1}");
        assertRefused(repo, OCI_MANIFEST, "not json".getBytes(StandardCharsets.UTF_8), 400, "MANIFEST_INVALID");
        assertRefused(repo, OCI_MANIFEST, "[]".getBytes(StandardCharsets.UTF_8), 400, "MANIFEST_INVALID");
        assertRefused(repo, "application/json", bytes(imageManifest(OCI_MANIFEST, config)), 400, "MANIFEST_INVALID");

        ObjectNode untyped = imageManifest(OCI_MANIFEST, config);
        untyped.remove("mediaType");
        assertError(oci.put("/v2/" + repo + "/manifests/refused", bytes(untyped)), 400, "MANIFEST_INVALID");

        ObjectNode noLayers = imageManifest(OCI_MANIFEST, config);
        noLayers.remove("layers");
        assertRefused(repo, OCI_MANIFEST, bytes(noLayers), 400, "MANIFEST_INVALID");
        ObjectNode wrongVersion = imageManifest(OCI_MANIFEST, config);
        wrongVersion.put("schemaVersion", 1);
        assertRefused(repo, OCI_MANIFEST, bytes(wrongVersion), 400, "MANIFEST_INVALID");
        ObjectNode wrongSize = imageManifest(OCI_MANIFEST, config);
        ((ObjectNode) wrongSize.get("config")).put("size", 999);
        assertRefused(repo, OCI_MANIFEST, bytes(wrongSize), 400, "MANIFEST_INVALID");
    }

    @Test
    void aDigestReferenceTheBodyDoesNotHashToIsDigestInvalid() {
        String repo = OciTestClient.uniqueRepo("invalid");
        byte[] body = bytes(imageManifest(OCI_MANIFEST, pushed(repo, OCI_CONFIG, "{\"d\":2}"), pushed(repo, OCI_LAYER, "d")));
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
        assertError(oci.put("/v2/" + repo + "/manifests/" + wrong, body, "Content-Type", OCI_MANIFEST), 400, "DIGEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/manifests/" + wrong), 404, "MANIFEST_UNKNOWN");
        assertError(oci.get("/v2/" + repo + "/manifests/" + sha256(body)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void manifestsUpTo4MiBAreAcceptedAndLargerOnesAre413() {
        String repo = OciTestClient.uniqueRepo("invalid");
        Blob config = pushed(repo, OCI_CONFIG, "{\"big\":1}");
        Blob layer = pushed(repo, OCI_LAYER, "big");
        byte[] atLimit = padded(config, layer, LIMIT);
        byte[] overLimit = padded(config, layer, LIMIT + 1);

        assertEquals(201, oci.put("/v2/" + repo + "/manifests/big", atLimit, "Content-Type", OCI_MANIFEST).statusCode());
        assertEquals(LIMIT, oci.get("/v2/" + repo + "/manifests/big").body().length);
        assertRefused(repo, OCI_MANIFEST, overLimit, 413, "SIZE_INVALID");

        HttpResponse<byte[]> streamed = oci.send("PUT", "/v2/" + repo + "/manifests/streamed",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overLimit)), "Content-Type", OCI_MANIFEST);
        assertError(streamed, 413, "SIZE_INVALID");
        assertError(oci.get("/v2/" + repo + "/manifests/streamed"), 404, "MANIFEST_UNKNOWN");
    }

    /** A valid manifest of exactly {@code size} bytes, padded with an annotation. */
    private static byte[] padded(Blob config, Blob layer, int size) {
        ObjectNode manifest = imageManifest(OCI_MANIFEST, config, layer);
        ObjectNode annotations = manifest.putObject("annotations");
        annotations.put("pad", "");
        int base = bytes(manifest).length;
        annotations.put("pad", "x".repeat(size - base));
        byte[] body = bytes(manifest);
        assertEquals(size, body.length);
        return body;
    }
}
