package io.flotilla.node.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashAheadInputStreamTest {
    private static final int MIB = 1 << 20;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MIB - 1, MIB, MIB + 1, 5 * MIB + 7})
    void digestMatchesTheBytesReadInBatches(int size) throws Exception {
        byte[] body = randomBytes(size);
        MessageDigest digest = sha256();
        try (HashAheadInputStream in = new HashAheadInputStream(new ByteArrayInputStream(body), digest)) {
            byte[] copy = in.readAllBytes();
            assertArrayEquals(body, copy);
            assertTrue(in.complete());
        }
        assertArrayEquals(sha256().digest(body), digest.digest());
    }

    @Test
    void digestMatchesWhenReadByteByByteAndInOddSlices() throws Exception {
        byte[] body = randomBytes(2 * MIB + 3);
        MessageDigest digest = sha256();
        try (HashAheadInputStream in = new HashAheadInputStream(new ByteArrayInputStream(body), digest)) {
            for (int i = 0; i < 1000; i++) {
                assertEquals(body[i] & 0xff, in.read());
            }
            assertEquals(0, in.skip(-5));
            assertEquals(500, in.skip(500));
            in.transferTo(OutputStream.nullOutputStream());
            assertTrue(in.complete());
        }
        assertArrayEquals(sha256().digest(body), digest.digest());
    }

    @Test
    void anAbandonedStreamIsNotComplete() throws Exception {
        byte[] body = randomBytes(4 * MIB);
        MessageDigest digest = sha256();
        HashAheadInputStream in = new HashAheadInputStream(new ByteArrayInputStream(body), digest);
        in.readNBytes(3 * MIB);
        in.stopHashing();
        assertFalse(in.complete());
    }

    @Test
    void aFailingBodyLeavesTheDigestIncomplete() throws Exception {
        InputStream failing = new InputStream() {
            private int left = 2 * MIB;

            @Override
            public int read() throws IOException {
                if (left-- == 0) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        HashAheadInputStream in = new HashAheadInputStream(failing, sha256());
        try {
            in.readAllBytes();
        } catch (IOException expected) {
            // the body broke off
        }
        in.stopHashing();
        assertFalse(in.complete());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
