package io.flotilla.storage.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static io.flotilla.storage.contract.TestStreams.trickle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, Batches.FIRST - 1, Batches.FIRST, Batches.FIRST + 1, Batches.FIRST + Batches.SIZE,
            3 * Batches.SIZE + 7})
    void pumpsEveryByteInOrderInLargeBatches(int length) throws IOException {
        byte[] content = bytes(length, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] calls = {0};
        long total = Batches.pump(trickle(content), (batch, n) -> {
            assertTrue(n > 0);
            calls[0]++;
            out.write(batch, 0, n);
        });
        assertEquals(length, total);
        assertArrayEquals(content, out.toByteArray());
        int expectedCalls = length <= Batches.FIRST ? (length == 0 ? 0 : 1)
                : 1 + (length - Batches.FIRST + Batches.SIZE - 1) / Batches.SIZE;
        assertEquals(expectedCalls, calls[0]);
    }
}
