package io.flotilla.node.http;

import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.json;
import static io.flotilla.node.http.OciTestClient.sha256;
import static io.flotilla.node.http.OciTestClient.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** end-9 (manifests and tags) and end-10 (blobs): {@code DELETE}. */
class DeleteHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    private static List<String> tags(String repo) {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/tags/list");
        assertEquals(200, r.statusCode());
        return strings(json(r).get("tags"));
    }

    @Test
    void deletingAManifestByDigestRemovesItAndItsTags() {
        String repo = OciTestClient.uniqueRepo("delete");
        byte[] doomed = oci.pushImage(repo, "doomed", "doomed");
        oci.pushManifest(repo, "alias", OCI_MANIFEST, doomed);
        oci.pushImage(repo, "kept", "kept");
        String digest = sha256(doomed);

        HttpResponse<byte[]> r = oci.delete("/v2/" + repo + "/manifests/" + digest);
        assertEquals(202, r.statusCode(), () -> OciTestClient.text(r));
        assertError(oci.get("/v2/" + repo + "/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
        assertEquals(404, oci.head("/v2/" + repo + "/manifests/" + digest).statusCode());
        assertError(oci.get("/v2/" + repo + "/manifests/doomed"), 404, "MANIFEST_UNKNOWN");
        assertError(oci.get("/v2/" + repo + "/manifests/alias"), 404, "MANIFEST_UNKNOWN");
        assertEquals(List.of("kept"), tags(repo));
        assertError(oci.delete("/v2/" + repo + "/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void deletingATagRemovesOnlyTheTag() {
        String repo = OciTestClient.uniqueRepo("delete");
        byte[] manifest = oci.pushImage(repo, "old", "tagged twice");
        oci.pushManifest(repo, "new", OCI_MANIFEST, manifest);

        assertEquals(202, oci.delete("/v2/" + repo + "/manifests/old").statusCode());
        assertError(oci.get("/v2/" + repo + "/manifests/old"), 404, "MANIFEST_UNKNOWN");
        assertArrayEquals(manifest, oci.get("/v2/" + repo + "/manifests/new").body());
        assertArrayEquals(manifest, oci.get("/v2/" + repo + "/manifests/" + sha256(manifest)).body());
        assertEquals(List.of("new"), tags(repo));
        assertError(oci.delete("/v2/" + repo + "/manifests/old"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void deletingManifestsThatDoNotExistIs404() {
        String repo = OciTestClient.uniqueRepo("delete");
        oci.pushImage(repo, "present", "present");
        String missing = sha256("missing".getBytes(StandardCharsets.UTF_8));
        assertError(oci.delete("/v2/" + repo + "/manifests/" + missing), 404, "MANIFEST_UNKNOWN");
        assertError(oci.delete("/v2/" + repo + "/manifests/absent"), 404, "MANIFEST_UNKNOWN");
        assertError(oci.delete("/v2/never/pushed/manifests/" + missing), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void aDeletedManifestCanBePushedAgain() {
        String repo = OciTestClient.uniqueRepo("delete");
        byte[] manifest = oci.pushImage(repo, "again", "again");
        assertEquals(202, oci.delete("/v2/" + repo + "/manifests/" + sha256(manifest)).statusCode());
        oci.pushManifest(repo, "again", OCI_MANIFEST, manifest);
        assertArrayEquals(manifest, oci.get("/v2/" + repo + "/manifests/again").body());
    }

    @Test
    void deletingABlobIs202ThenItIsUnknown() {
        String repo = OciTestClient.uniqueRepo("delete");
        Blob blob = oci.pushBlob(repo, OCI_LAYER, "delete me".getBytes(StandardCharsets.UTF_8));
        String path = "/v2/" + repo + "/blobs/" + blob.digest();

        HttpResponse<byte[]> r = oci.delete(path);
        assertEquals(202, r.statusCode(), () -> OciTestClient.text(r));
        assertError(oci.get(path), 404, "BLOB_UNKNOWN");
        assertEquals(404, oci.head(path).statusCode());
        assertError(oci.delete(path), 404, "BLOB_UNKNOWN");
    }

    @Test
    void deletingABlobLeavesOtherRepositoriesAlone() {
        String repo = OciTestClient.uniqueRepo("delete");
        String other = OciTestClient.uniqueRepo("delete");
        byte[] content = "held twice".getBytes(StandardCharsets.UTF_8);
        Blob blob = oci.pushBlob(repo, OCI_LAYER, content);
        oci.pushBlob(other, OCI_LAYER, content);

        assertEquals(202, oci.delete("/v2/" + repo + "/blobs/" + blob.digest()).statusCode());
        assertArrayEquals(content, oci.get("/v2/" + other + "/blobs/" + blob.digest()).body());
        oci.pushBlob(repo, OCI_LAYER, content);
        assertArrayEquals(content, oci.get("/v2/" + repo + "/blobs/" + blob.digest()).body());
    }

    @Test
    void aDeletedBlobCannotBeReferencedByANewManifest() {
        String repo = OciTestClient.uniqueRepo("delete");
        Blob config = oci.pushBlob(repo, OciTestClient.OCI_CONFIG, "{\"deleted\":1}".getBytes(StandardCharsets.UTF_8));
        Blob layer = oci.pushBlob(repo, OCI_LAYER, "deleted layer".getBytes(StandardCharsets.UTF_8));
        byte[] manifest = OciTestClient.bytes(OciTestClient.imageManifest(OCI_MANIFEST, config, layer));
        assertEquals(202, oci.delete("/v2/" + repo + "/blobs/" + layer.digest()).statusCode());

        assertError(oci.put("/v2/" + repo + "/manifests/late", manifest, "Content-Type", OCI_MANIFEST),
                400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void deletingUnknownOrInvalidBlobsIsRefused() {
        String repo = OciTestClient.uniqueRepo("delete");
        oci.pushBlob(repo, OCI_LAYER, "present".getBytes(StandardCharsets.UTF_8));
        assertError(oci.delete("/v2/" + repo + "/blobs/" + sha256(new byte[] {1})), 404, "BLOB_UNKNOWN");
        assertError(oci.delete("/v2/" + repo + "/blobs/sha256:bad"), 400, "DIGEST_INVALID");
    }
}
