package io.flotilla.node.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static io.flotilla.node.http.OciTestClient.OCTET_STREAM;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.sha256;
import static io.flotilla.node.http.OciTestClient.sha512;
import static io.flotilla.node.http.OciTestClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blob pushes: end-4a (start), end-4b (single POST), end-5 (PATCH), end-6 (closing PUT), end-13 (status)
 * and the cancelling DELETE of an upload session.
 */
class BlobPushHttpTest {
    private static final byte[] CONTENT = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    private static HttpResponse<byte[]> patch(String location, byte[] content, int from, int to) {
        return oci.patch(location, Arrays.copyOfRange(content, from, to + 1),
                "Content-Type", OCTET_STREAM, "Content-Range", from + "-" + to);
    }

    private static void assertPulls(String repo, byte[] content, String digest) {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/blobs/" + digest);
        assertEquals(200, r.statusCode(), () -> OciTestClient.text(r));
        assertArrayEquals(content, r.body());
    }

    private static void assertAbsent(String repo, String digest) {
        assertError(oci.get("/v2/" + repo + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    void postStartsASessionWithAUniqueLocation() {
        String repo = OciTestClient.uniqueRepo("push");
        HttpResponse<byte[]> first = oci.post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
        HttpResponse<byte[]> second = oci.post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
        assertEquals(202, first.statusCode());
        assertEquals(202, second.statusCode());
        String location = header(first, "Location");
        assertTrue(location.startsWith("/v2/" + repo + "/blobs/uploads/"), location);
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(id, UUID.fromString(id).toString(), "the session id is a UUID");
        assertEquals(id, header(first, "Docker-Upload-UUID"));
        assertNotEquals(location, header(second, "Location"));
        assertEquals("0-0", header(first, "Range"));
    }

    @Test
    void postThenPutPushesABlobMonolithically() {
        String repo = OciTestClient.uniqueRepo("push");
        String digest = sha256(CONTENT);
        String location = oci.startUpload(repo);

        HttpResponse<byte[]> done = oci.put(withQuery(location, "digest=" + digest), CONTENT, "Content-Type", OCTET_STREAM);
        assertEquals(201, done.statusCode(), () -> OciTestClient.text(done));
        assertEquals("/v2/" + repo + "/blobs/" + digest, header(done, "Location"));
        assertEquals(digest, header(done, "Docker-Content-Digest"));
        assertArrayEquals(CONTENT, oci.get(header(done, "Location")).body());
        assertError(oci.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aSinglePostWithDigestPushesABlob() {
        String repo = OciTestClient.uniqueRepo("push");
        String digest = sha256(CONTENT);
        HttpResponse<byte[]> r = oci.post("/v2/" + repo + "/blobs/uploads/?digest=" + digest, CONTENT,
                "Content-Type", OCTET_STREAM);
        assertEquals(201, r.statusCode(), () -> OciTestClient.text(r));
        assertEquals("/v2/" + repo + "/blobs/" + digest, header(r, "Location"));
        assertEquals(digest, header(r, "Docker-Content-Digest"));
        assertPulls(repo, CONTENT, digest);
    }

    @Test
    void aSinglePostWithTheWrongDigestStoresNothing() {
        String repo = OciTestClient.uniqueRepo("push");
        String wrong = sha256("other content".getBytes(StandardCharsets.UTF_8));
        assertError(oci.post("/v2/" + repo + "/blobs/uploads/?digest=" + wrong, CONTENT), 400, "DIGEST_INVALID");
        assertAbsent(repo, wrong);
        assertAbsent(repo, sha256(CONTENT));
    }

    @Test
    void aPutWithTheWrongDigestStoresNothingAndLeavesTheUploadOpen() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        assertEquals(202, patch(location, CONTENT, 0, 9).statusCode());
        String wrong = sha256("other content".getBytes(StandardCharsets.UTF_8));

        assertError(oci.put(withQuery(location, "digest=" + wrong), Arrays.copyOfRange(CONTENT, 10, 20),
                "Content-Range", "10-19"), 400, "DIGEST_INVALID");
        assertAbsent(repo, wrong);
        assertAbsent(repo, sha256(CONTENT));

        HttpResponse<byte[]> status = oci.get(location);
        assertEquals(204, status.statusCode());
        assertEquals("0-9", header(status, "Range"));
    }

    @Test
    void sha512DigestsAreVerifiedOnEveryPath() {
        String repo = OciTestClient.uniqueRepo("push");
        String digest = sha512(CONTENT);
        String wrong = sha512("other content".getBytes(StandardCharsets.UTF_8));

        assertError(oci.post("/v2/" + repo + "/blobs/uploads/?digest=" + wrong, CONTENT), 400, "DIGEST_INVALID");
        String location = oci.startUpload(repo);
        assertError(oci.put(withQuery(location, "digest=" + wrong), CONTENT), 400, "DIGEST_INVALID");
        assertAbsent(repo, wrong);
        assertAbsent(repo, digest);

        assertEquals(202, patch(location, CONTENT, 0, 19).statusCode());
        HttpResponse<byte[]> done = oci.put(withQuery(location, "digest=" + digest), new byte[0]);
        assertEquals(201, done.statusCode(), () -> OciTestClient.text(done));
        assertEquals(digest, header(done, "Docker-Content-Digest"));
        assertPulls(repo, CONTENT, digest);

        byte[] other = "single post sha512".getBytes(StandardCharsets.UTF_8);
        assertEquals(201, oci.post("/v2/" + repo + "/blobs/uploads/?digest=" + sha512(other), other).statusCode());
        assertPulls(repo, other, sha512(other));
    }

    @Test
    void chunksWithContentRangeAreAcknowledgedWithTheRangeHeld() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);

        HttpResponse<byte[]> first = patch(location, CONTENT, 0, 4);
        assertEquals(202, first.statusCode(), () -> OciTestClient.text(first));
        assertEquals("0-4", header(first, "Range"));
        HttpResponse<byte[]> second = patch(header(first, "Location"), CONTENT, 5, 9);
        assertEquals(202, second.statusCode());
        assertEquals("0-9", header(second, "Range"));

        String digest = sha256(CONTENT);
        HttpResponse<byte[]> done = oci.put(withQuery(header(second, "Location"), "digest=" + digest),
                Arrays.copyOfRange(CONTENT, 10, 20), "Content-Type", OCTET_STREAM, "Content-Range", "10-19");
        assertEquals(201, done.statusCode(), () -> OciTestClient.text(done));
        assertEquals("/v2/" + repo + "/blobs/" + digest, header(done, "Location"));
        assertPulls(repo, CONTENT, digest);
    }

    @Test
    void aClosingPutWithoutABodyCommitsTheChunksSoFar() {
        String repo = OciTestClient.uniqueRepo("push");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(big, (byte) 7);
        String location = oci.startUpload(repo);
        int chunk = 1024 * 1024;
        for (int from = 0; from < big.length; from += chunk) {
            int to = Math.min(big.length, from + chunk) - 1;
            HttpResponse<byte[]> r = patch(location, big, from, to);
            assertEquals(202, r.statusCode(), () -> OciTestClient.text(r));
            assertEquals("0-" + to, header(r, "Range"));
            location = header(r, "Location");
        }
        assertEquals(201, oci.put(withQuery(location, "digest=" + sha256(big)), new byte[0]).statusCode());
        assertPulls(repo, big, sha256(big));
    }

    @Test
    void anOutOfOrderChunkIs416WithTheCurrentRange() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        assertEquals(202, patch(location, CONTENT, 0, 4).statusCode());

        HttpResponse<byte[]> gap = patch(location, CONTENT, 10, 14);
        assertError(gap, 416, "BLOB_UPLOAD_INVALID");
        assertEquals("0-4", header(gap, "Range"));

        HttpResponse<byte[]> status = oci.get(location);
        assertEquals(204, status.statusCode());
        assertEquals("0-4", header(status, "Range"));
        assertEquals(202, patch(header(status, "Location"), CONTENT, 5, 19).statusCode());
        assertEquals(201, oci.put(withQuery(location, "digest=" + sha256(CONTENT)), new byte[0]).statusCode());
        assertPulls(repo, CONTENT, sha256(CONTENT));
    }

    @Test
    void anOverlappingOrRepeatedChunkIs416WithTheCurrentRange() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        assertEquals(202, patch(location, CONTENT, 0, 9).statusCode());

        HttpResponse<byte[]> repeated = patch(location, CONTENT, 0, 9);
        assertError(repeated, 416, "BLOB_UPLOAD_INVALID");
        assertEquals("0-9", header(repeated, "Range"));
        HttpResponse<byte[]> overlapping = patch(location, CONTENT, 5, 14);
        assertError(overlapping, 416, "BLOB_UPLOAD_INVALID");
        assertEquals("0-9", header(overlapping, "Range"));

        HttpResponse<byte[]> lateFinal = oci.put(withQuery(location, "digest=" + sha256(CONTENT)),
                Arrays.copyOfRange(CONTENT, 5, 20), "Content-Range", "5-19");
        assertError(lateFinal, 416, "BLOB_UPLOAD_INVALID");
        assertEquals("0-9", header(lateFinal, "Range"));
        assertEquals("0-9", header(oci.get(location), "Range"));
    }

    @Test
    void aFirstChunkThatDoesNotStartAtZeroIs416() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        HttpResponse<byte[]> r = patch(location, CONTENT, 1, 5);
        assertError(r, 416, "BLOB_UPLOAD_INVALID");
        assertEquals("0-0", header(r, "Range"));
    }

    @Test
    void streamedChunksWithoutContentRangeAppend() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);

        HttpResponse<byte[]> first = oci.send("PATCH", location,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(CONTENT, 0, 12)),
                "Content-Type", OCTET_STREAM);
        assertEquals(202, first.statusCode(), () -> OciTestClient.text(first));
        assertEquals("0-11", header(first, "Range"));
        HttpResponse<byte[]> second = oci.patch(header(first, "Location"), Arrays.copyOfRange(CONTENT, 12, 20));
        assertEquals(202, second.statusCode());
        assertEquals("0-19", header(second, "Range"));

        assertEquals(201, oci.put(withQuery(location, "digest=" + sha256(CONTENT)), new byte[0]).statusCode());
        assertPulls(repo, CONTENT, sha256(CONTENT));
    }

    @Test
    void statusOfAnOpenUploadIs204WithLocationAndRange() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        HttpResponse<byte[]> empty = oci.get(location);
        assertEquals(204, empty.statusCode());
        assertEquals(location, header(empty, "Location"));
        assertEquals("0-0", header(empty, "Range"));

        patch(location, CONTENT, 0, 6);
        HttpResponse<byte[]> r = oci.get(location);
        assertEquals(204, r.statusCode());
        assertEquals(location, header(r, "Location"));
        assertEquals("0-6", header(r, "Range"));
        assertEquals(0, r.body().length);
    }

    @Test
    void cancellingAnUploadIs204ThenTheSessionIsUnknown() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        patch(location, CONTENT, 0, 9);

        assertEquals(204, oci.delete(location).statusCode());
        assertError(oci.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(patch(location, CONTENT, 10, 19), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci.put(withQuery(location, "digest=" + sha256(CONTENT)), new byte[0]), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci.delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void unknownOrForeignSessionsAre404BlobUploadUnknown() {
        String repo = OciTestClient.uniqueRepo("push");
        String unknown = "/v2/" + repo + "/blobs/uploads/00000000-0000-0000-0000-000000000000";
        assertError(oci.get(unknown), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci.patch(unknown, CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci.get("/v2/" + repo + "/blobs/uploads/not_an_id!"), 404, "BLOB_UPLOAD_UNKNOWN");

        String location = oci.startUpload(repo);
        String other = OciTestClient.uniqueRepo("push");
        String foreign = location.replace("/v2/" + repo + "/", "/v2/" + other + "/");
        assertError(oci.get(foreign), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci.patch(foreign, CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aClosingPutNeedsAValidDigest() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        assertError(oci.put(location, CONTENT), 400, "DIGEST_INVALID");
        assertError(oci.put(withQuery(location, "digest=sha256:nothex"), CONTENT), 400, "DIGEST_INVALID");
        assertError(oci.put(withQuery(location, "digest=md5:" + "a".repeat(32)), CONTENT), 400, "DIGEST_INVALID");
        assertEquals(204, oci.get(location).statusCode());
    }

    @Test
    void theEmptyBlobIsPushedAndPulled() {
        String repo = OciTestClient.uniqueRepo("push");
        String empty = sha256(new byte[0]);
        String location = oci.startUpload(repo);
        HttpResponse<byte[]> done = oci.put(withQuery(location, "digest=" + empty), new byte[0]);
        assertEquals(201, done.statusCode(), () -> OciTestClient.text(done));

        HttpResponse<byte[]> pulled = oci.get("/v2/" + repo + "/blobs/" + empty);
        assertEquals(200, pulled.statusCode(), () -> OciTestClient.text(pulled));
        assertEquals(0, pulled.body().length);
        assertEquals("0", header(oci.head("/v2/" + repo + "/blobs/" + empty), "Content-Length"));

        String other = OciTestClient.uniqueRepo("push");
        assertEquals(201, oci.post("/v2/" + other + "/blobs/uploads/?digest=" + empty, new byte[0]).statusCode());
        assertEquals(200, oci.get("/v2/" + other + "/blobs/" + empty).statusCode());
    }

    @Test
    void pushingContentThatIsAlreadyStoredSucceedsAgain() {
        String first = OciTestClient.uniqueRepo("push");
        String second = OciTestClient.uniqueRepo("push");
        String digest = sha256(CONTENT);
        oci.pushBlob(first, OciTestClient.OCI_LAYER, CONTENT);
        oci.pushBlob(first, OciTestClient.OCI_LAYER, CONTENT);

        String location = oci.startUpload(second);
        assertEquals(202, patch(location, CONTENT, 0, 9).statusCode());
        HttpResponse<byte[]> done = oci.send("PUT", withQuery(location, "digest=" + digest),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(CONTENT, 10, 10)));
        assertEquals(201, done.statusCode(), () -> OciTestClient.text(done));
        assertPulls(first, CONTENT, digest);
        assertPulls(second, CONTENT, digest);
    }

    @Test
    void malformedOrMismatchedContentRangeIsRefused() {
        String repo = OciTestClient.uniqueRepo("push");
        String location = oci.startUpload(repo);
        assertError(oci.patch(location, CONTENT, "Content-Range", "zero-to-nine"), 400, "BLOB_UPLOAD_INVALID");
        assertError(oci.patch(location, CONTENT, "Content-Range", "9-0"), 400, "BLOB_UPLOAD_INVALID");
        assertError(oci.patch(location, CONTENT, "Content-Range", "0-9"), 400, "SIZE_INVALID");
        assertEquals("0-0", header(oci.get(location), "Range"));
    }
}
