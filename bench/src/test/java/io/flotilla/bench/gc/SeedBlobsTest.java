package io.flotilla.bench.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedBlobsTest {
    private static final byte[] NONCE = new byte[16];

    @Test
    void everyBlobIsDistinctAndCanBeMadeAgainFromItsIndex() {
        SeedBlobs blobs = new SeedBlobs(NONCE, 64, 5000);
        Set<String> digests = new HashSet<>();
        for (long i = 0; i < blobs.count(); i++) {
            byte[] b = blobs.content(i);
            assertEquals(64, b.length);
            digests.add(SeedBlobs.digest(b));
        }
        assertEquals(5000, digests.size());
        assertArrayEquals(blobs.content(1234), blobs.content(1234));
    }

    @Test
    void anotherNonceMakesOtherBlobs() {
        byte[] other = new byte[16];
        other[0] = 1;
        assertFalse(SeedBlobs.digest(new SeedBlobs(NONCE, 32, 1).content(0))
                .equals(SeedBlobs.digest(new SeedBlobs(other, 32, 1).content(0))));
    }

    @Test
    void digestIsSha256InOciForm() {
        // SHA-256 of the empty string.
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                SeedBlobs.digest(new byte[0]));
    }

    @Test
    void refusesBlobsTooSmallForTheirHeaderAndIndicesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new SeedBlobs(NONCE, 8, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> new SeedBlobs(NONCE, 32, 2).content(2));
    }
}
