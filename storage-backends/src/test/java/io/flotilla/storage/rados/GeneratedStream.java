package io.flotilla.storage.rados;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Random;

/**
 * A large deterministic stream made without holding it in memory: 1 MiB blocks of random bytes, each
 * stamped with its block number, so a block read from the wrong place never matches.
 */
final class GeneratedStream extends InputStream {
    static final int BLOCK = 1 << 20;
    private static final byte[] BASE = new byte[BLOCK];

    static {
        new Random(42).nextBytes(BASE);
    }

    private final long length;
    private final byte[] block = BASE.clone();
    private long position;
    private long stamped = -1;

    GeneratedStream(long length) {
        this.length = length;
    }

    /** The bytes at {@code [offset, offset + n)} of any such stream. */
    static byte[] slice(long offset, int n) throws IOException {
        try (GeneratedStream s = new GeneratedStream(offset + n)) {
            s.skipNBytes(offset);
            return s.readNBytes(n);
        }
    }

    /** The digest of a whole stream of {@code length} bytes. */
    static byte[] digest(long length, MessageDigest md) throws IOException {
        try (GeneratedStream s = new GeneratedStream(length)) {
            byte[] buffer = new byte[BLOCK];
            int n;
            while ((n = s.read(buffer, 0, buffer.length)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return md.digest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (position == length) {
            return -1;
        }
        long number = position / BLOCK;
        if (number != stamped) {
            System.arraycopy(BASE, 0, block, 0, 8);
            for (int i = 0; i < 8; i++) {
                block[i] ^= (byte) (number >>> (8 * i));
            }
            stamped = number;
        }
        int within = (int) (position % BLOCK);
        int n = (int) Math.min(Math.min(len, BLOCK - within), length - position);
        System.arraycopy(block, within, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, length - position));
        position += skipped;
        return skipped;
    }
}
