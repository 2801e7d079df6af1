package io.flotilla.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CurlResultTest {

    @Test
    void readsEveryField() {
        CurlResult r = CurlResult.parse("202\t0.002066\t0\t0\t0\t/v2/bench/transfer/blobs/uploads/abc-1\n");
        assertEquals(202, r.status());
        assertEquals(0.002066, r.seconds(), 1e-12);
        assertEquals("/v2/bench/transfer/blobs/uploads/abc-1", r.location());
    }

    @Test
    void anEmptyLocationIsStillAField() {
        CurlResult r = CurlResult.parse("200\t0.002401\t0\t1000\t416493\t\n");
        assertEquals(200, r.status());
        assertEquals(1000, r.downloaded());
        assertEquals(416493, r.bytesPerSecond(), 1e-9);
        assertEquals("", r.location());
    }

    @Test
    void readsUploadedBytesAndAnAbsoluteLocationWithAQuery() {
        CurlResult r = CurlResult.parse("202\t0.1\t16777216\t0\t0\t"
                + "http://127.0.0.1:5000/v2/r/blobs/uploads/u?_state=abc%3D\n");
        assertEquals(16_777_216, r.uploaded());
        assertEquals("http://127.0.0.1:5000/v2/r/blobs/uploads/u?_state=abc%3D", r.location());
    }

    @Test
    void takesTheLastLineWhenCurlPrintedMore() {
        CurlResult r = CurlResult.parse("something first\n201\t1.5\t10\t0\t0\t/v2/x\n");
        assertEquals(201, r.status());
    }

    @Test
    void rejectsMissingFieldsAndNonNumbers() {
        assertThrows(IllegalArgumentException.class, () -> CurlResult.parse("201\t0.1\n"));
        assertThrows(IllegalArgumentException.class, () -> CurlResult.parse("xyz\t0.1\t0\t0\t0\t\n"));
        assertThrows(IllegalArgumentException.class, () -> CurlResult.parse(""));
    }
}
