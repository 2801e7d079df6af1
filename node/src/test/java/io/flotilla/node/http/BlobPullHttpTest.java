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
import static io.flotilla.node.http.OciTestClient.sha512;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** end-2: {@code GET} and {@code HEAD /v2/<name>/blobs/<digest>}. */
class BlobPullHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    @Test
    void getServesTheExactBytesWithTheirDigest() {
        String repo = OciTestClient.uniqueRepo("pull");
        Blob blob = oci.pushBlob(repo, OCI_LAYER, "layer bytes".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/blobs/" + blob.digest());
        assertEquals(200, r.statusCode());
        assertArrayEquals(blob.content(), r.body());
        assertEquals(blob.digest(), header(r, "Docker-Content-Digest"));
        assertEquals(sha256(r.body()), header(r, "Docker-Content-Digest"));
        assertEquals(String.valueOf(blob.content().length), header(r, "Content-Length"));
        assertEquals("application/octet-stream", header(r, "Content-Type"));
    }

    @Test
    void headGivesSizeAndDigestWithoutABody() {
        String repo = OciTestClient.uniqueRepo("pull");
        Blob blob = oci.pushBlob(repo, OCI_LAYER, new byte[1000]);

        HttpResponse<byte[]> r = oci.head("/v2/" + repo + "/blobs/" + blob.digest());
        assertEquals(200, r.statusCode());
        assertEquals("1000", header(r, "Content-Length"));
        assertEquals(blob.digest(), header(r, "Docker-Content-Digest"));
        assertEquals(0, r.body().length);
    }

    @Test
    void sha512BlobsArePulledByTheirSha512Digest() {
        String repo = OciTestClient.uniqueRepo("pull");
        byte[] content = "hashed with sha512".getBytes(StandardCharsets.UTF_8);
        Blob blob = oci.pushBlob(repo, new Blob(OCI_LAYER, sha512(content), content));

        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/blobs/" + blob.digest());
        assertEquals(200, r.statusCode());
        assertArrayEquals(content, r.body());
        assertEquals(sha512(content), header(r, "Docker-Content-Digest"));
        assertError(oci.get("/v2/" + repo + "/blobs/" + sha256(content)), 404, "BLOB_UNKNOWN");
    }

    @Test
    void unknownBlobsAre404BlobUnknown() {
        String repo = OciTestClient.uniqueRepo("pull");
        oci.pushBlob(repo, OCI_LAYER, "something".getBytes(StandardCharsets.UTF_8));
        String missing = sha256("never pushed".getBytes(StandardCharsets.UTF_8));

        assertError(oci.get("/v2/" + repo + "/blobs/" + missing), 404, "BLOB_UNKNOWN");
        assertEquals(404, oci.head("/v2/" + repo + "/blobs/" + missing).statusCode());
        assertError(oci.get("/v2/no/such/repo/blobs/" + missing), 404, "BLOB_UNKNOWN");
    }

    @Test
    void aBlobIsOnlyVisibleInTheRepositoriesThatHoldIt() {
        String holder = OciTestClient.uniqueRepo("pull");
        String other = OciTestClient.uniqueRepo("pull");
        oci.pushBlob(other, OCI_LAYER, "unrelated".getBytes(StandardCharsets.UTF_8));
        Blob blob = oci.pushBlob(holder, OCI_LAYER, "private to holder".getBytes(StandardCharsets.UTF_8));

        assertError(oci.get("/v2/" + other + "/blobs/" + blob.digest()), 404, "BLOB_UNKNOWN");
        assertEquals(404, oci.head("/v2/" + other + "/blobs/" + blob.digest()).statusCode());
    }

    @Test
    void malformedDigestsAre400DigestInvalid() {
        String repo = OciTestClient.uniqueRepo("pull");
        assertError(oci.get("/v2/" + repo + "/blobs/sha256:tooshort"), 400, "DIGEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/blobs/sha256:" + "A".repeat(64)), 400, "DIGEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/blobs/md5:" + "a".repeat(32)), 400, "DIGEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/blobs/notadigest"), 400, "DIGEST_INVALID");
    }
}
