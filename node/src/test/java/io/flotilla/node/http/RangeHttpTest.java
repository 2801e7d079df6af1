package io.flotilla.node.http;

import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.sha512;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** end-2 with {@code Range} (RFC 9110): partial pulls, suffixes, and unsatisfiable ranges. */
class RangeHttpTest {
    private static final int SIZE = 300_000;

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();
    private static String repo;
    private static Blob blob;

    @BeforeAll
    static void seed() {
        repo = OciTestClient.uniqueRepo("range");
        byte[] content = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }
        blob = oci.pushBlob(repo, OCI_LAYER, content);
    }

    private static HttpResponse<byte[]> range(String spec) {
        return oci.get("/v2/" + repo + "/blobs/" + blob.digest(), "Range", spec);
    }

    private static void assertPartial(HttpResponse<byte[]> r, int from, int to) {
        assertEquals(206, r.statusCode(), () -> OciTestClient.text(r));
        assertEquals("bytes " + from + "-" + to + "/" + SIZE, header(r, "Content-Range"));
        assertEquals(String.valueOf(to - from + 1), header(r, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(blob.content(), from, to + 1), r.body());
    }

    @Test
    void aFullGetAdvertisesByteRanges() {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/blobs/" + blob.digest());
        assertEquals(200, r.statusCode());
        assertEquals("bytes", header(r, "Accept-Ranges"));
    }

    @Test
    void closedRangesAre206WithContentRange() {
        assertPartial(range("bytes=0-9"), 0, 9);
        assertPartial(range("bytes=123456-234567"), 123456, 234567);
        assertPartial(range("bytes=" + (SIZE - 1) + "-" + (SIZE - 1)), SIZE - 1, SIZE - 1);
    }

    @Test
    void openAndOverlongRangesStopAtTheEnd() {
        assertPartial(range("bytes=250000-"), 250000, SIZE - 1);
        assertPartial(range("bytes=299990-999999999"), 299990, SIZE - 1);
    }

    @Test
    void suffixRangesServeTheLastBytes() {
        assertPartial(range("bytes=-100"), SIZE - 100, SIZE - 1);
        assertPartial(range("bytes=-" + (SIZE * 2)), 0, SIZE - 1);
    }

    @Test
    void unsatisfiableRangesAre416WithTheSize() {
        for (String spec : new String[] {"bytes=" + SIZE + "-", "bytes=999999-1000000", "bytes=-0"}) {
            HttpResponse<byte[]> r = range(spec);
            assertError(r, 416, "SIZE_INVALID");
            assertEquals("bytes */" + SIZE, header(r, "Content-Range"));
        }
    }

    @Test
    void rangesTheServerDoesNotHonourServeTheWholeBlob() {
        for (String spec : new String[] {"bytes=0-1,5-6", "items=0-5", "bytes=abc"}) {
            HttpResponse<byte[]> r = range(spec);
            assertEquals(200, r.statusCode(), spec);
            assertArrayEquals(blob.content(), r.body(), spec);
        }
    }

    @Test
    void headWithARangeDescribesThePart() {
        HttpResponse<byte[]> r = oci.head("/v2/" + repo + "/blobs/" + blob.digest(), "Range", "bytes=10-19");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 10-19/" + SIZE, header(r, "Content-Range"));
        assertEquals("10", header(r, "Content-Length"));
        assertEquals(0, r.body().length);
    }

    @Test
    void sha512BlobsServeRangesToo() {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Blob b = oci.pushBlob(repo, new Blob(OCI_LAYER, sha512(content), content));
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/blobs/" + b.digest(), "Range", "bytes=4-7");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 4-7/16", header(r, "Content-Range"));
        assertEquals("4567", new String(r.body(), StandardCharsets.US_ASCII));
    }
}
