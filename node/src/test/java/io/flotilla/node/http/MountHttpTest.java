package io.flotilla.node.http;

import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.sha256;
import static io.flotilla.node.http.OciTestClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** end-11: {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other_name>}. */
class MountHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    private static HttpResponse<byte[]> mount(String target, String digest, String from) {
        String query = "mount=" + digest + (from == null ? "" : "&from=" + from);
        return oci.post("/v2/" + target + "/blobs/uploads/?" + query, new byte[0]);
    }

    /** Asserts a 202 that opened a usable upload session, and completes it with {@code content}. */
    private static void assertFallsBackToAnUpload(HttpResponse<byte[]> r, String target, byte[] content) {
        assertEquals(202, r.statusCode(), () -> OciTestClient.text(r));
        String location = header(r, "Location");
        assertTrue(location.startsWith("/v2/" + target + "/blobs/uploads/"), location);
        assertEquals(204, oci.get(location).statusCode());
        assertEquals(201, oci.put(withQuery(location, "digest=" + sha256(content)), content).statusCode());
        assertArrayEquals(content, oci.get("/v2/" + target + "/blobs/" + sha256(content)).body());
    }

    @Test
    void aBlobTheSourceHoldsIsMountedWith201() {
        String source = OciTestClient.uniqueRepo("mount");
        String target = OciTestClient.uniqueRepo("mount");
        Blob blob = oci.pushBlob(source, OCI_LAYER, "shared layer".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> r = mount(target, blob.digest(), source);
        assertEquals(201, r.statusCode(), () -> OciTestClient.text(r));
        assertEquals("/v2/" + target + "/blobs/" + blob.digest(), header(r, "Location"));
        assertEquals(blob.digest(), header(r, "Docker-Content-Digest"));
        HttpResponse<byte[]> pulled = oci.get(header(r, "Location"));
        assertEquals(200, pulled.statusCode());
        assertArrayEquals(blob.content(), pulled.body());
    }

    @Test
    void aMountedBlobOutlivesItsDeletionFromTheSource() {
        String source = OciTestClient.uniqueRepo("mount");
        String target = OciTestClient.uniqueRepo("mount");
        Blob blob = oci.pushBlob(source, OCI_LAYER, "outlives source".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, mount(target, blob.digest(), source).statusCode());

        assertEquals(202, oci.delete("/v2/" + source + "/blobs/" + blob.digest()).statusCode());
        assertError(oci.get("/v2/" + source + "/blobs/" + blob.digest()), 404, "BLOB_UNKNOWN");
        assertArrayEquals(blob.content(), oci.get("/v2/" + target + "/blobs/" + blob.digest()).body());
    }

    @Test
    void aBlobTheSourceDoesNotHoldFallsBackTo202AndANewUpload() {
        String holder = OciTestClient.uniqueRepo("mount");
        String source = OciTestClient.uniqueRepo("mount");
        String target = OciTestClient.uniqueRepo("mount");
        byte[] content = "held elsewhere".getBytes(StandardCharsets.UTF_8);
        oci.pushBlob(holder, OCI_LAYER, content);
        oci.pushBlob(source, OCI_LAYER, "something else".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> r = mount(target, sha256(content), source);
        assertError(oci.get("/v2/" + target + "/blobs/" + sha256(content)), 404, "BLOB_UNKNOWN");
        assertFallsBackToAnUpload(r, target, content);
    }

    @Test
    void anUnknownSourceOrNoSourceFallsBackTo202() {
        String holder = OciTestClient.uniqueRepo("mount");
        String target = OciTestClient.uniqueRepo("mount");
        byte[] content = "no source given".getBytes(StandardCharsets.UTF_8);
        oci.pushBlob(holder, OCI_LAYER, content);

        assertFallsBackToAnUpload(mount(target, sha256(content), "no/such/repo"), target, content);
        String other = OciTestClient.uniqueRepo("mount");
        assertFallsBackToAnUpload(mount(other, sha256(content), null), other, content);
    }

    @Test
    void invalidMountParametersAre400() {
        String target = OciTestClient.uniqueRepo("mount");
        assertError(mount(target, "sha256:short", "some/repo"), 400, "DIGEST_INVALID");
        assertError(mount(target, sha256(new byte[0]), "Bad..Name"), 400, "NAME_INVALID");
    }
}
