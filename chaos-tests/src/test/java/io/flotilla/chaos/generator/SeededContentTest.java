package io.flotilla.chaos.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededContentTest {

    private static final long SIZE = 3L * SeededContent.BLOCK + 1234;

    @Test
    void sameSeedGivesSameBytesAndOtherSeedsDiffer() {
        byte[] a = new SeededContent(7, SIZE).bytes();
        assertArrayEquals(a, new SeededContent(7, SIZE).bytes());
        assertFalse(Arrays.equals(a, new SeededContent(8, SIZE).bytes()));
        assertEquals(SIZE, a.length);
    }

    @Test
    void blocksAreNotRepeats() {
        byte[] a = new SeededContent(7, SIZE).bytes();
        int b = SeededContent.BLOCK;
        assertFalse(Arrays.equals(a, 0, b, a, b, 2 * b));
    }

    @Test
    void anySliceMatchesTheWholeAtItsOffset() throws IOException {
        SeededContent content = new SeededContent(42, SIZE);
        byte[] whole = content.bytes();
        long[][] slices = {{0, 1}, {SeededContent.BLOCK - 3, 10}, {100_000, 70_000}, {SIZE - 5, 5}, {SIZE, 0}};
        for (long[] s : slices) {
            try (InputStream in = content.open(s[0], s[1])) {
                assertArrayEquals(Arrays.copyOfRange(whole, (int) s[0], (int) (s[0] + s[1])), in.readAllBytes(),
                        "slice at " + s[0]);
            }
        }
    }

    @Test
    void digestIsSha256OfTheBytes() {
        SeededContent content = new SeededContent(1, SIZE);
        assertEquals(SeededContent.sha256(new ByteArrayInputStream(content.bytes())), content.digest());
        // The empty input's well-known SHA-256.
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                new SeededContent(1, 0).digest());
    }

    @Test
    void refusesSlicesOutsideTheContent() {
        SeededContent content = new SeededContent(1, 10);
        assertThrows(IndexOutOfBoundsException.class, () -> content.open(5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> content.open(-1, 1));
    }
}
