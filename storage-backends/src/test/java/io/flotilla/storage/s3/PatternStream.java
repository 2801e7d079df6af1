package io.flotilla.storage.s3;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Random;

/**
 * A long deterministic stream that costs no memory: 1 MiB blocks of one random pattern, each stamped with
 * its own index at both ends, so a lost, repeated or misplaced block changes the hash and {@link #byteAt}
 * says what any position must hold.
 */
final class PatternStream extends InputStream {
    static final int BLOCK = 1 << 20;
    private static final byte[] PATTERN = new byte[BLOCK];

    static {
        new Random(42).nextBytes(PATTERN);
    }

    private final long length;
    private long position;

    PatternStream(long length) {
        this.length = length;
    }

    /** The byte at {@code position} of every pattern stream. */
    static byte byteAt(long position) {
        long block = position / BLOCK;
        int within = (int) (position % BLOCK);
        if (within < 8) {
            return (byte) (block >>> (56 - 8 * within));
        }
        if (within >= BLOCK - 8) {
            return (byte) (block >>> (56 - 8 * (within - (BLOCK - 8))));
        }
        return PATTERN[within];
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return byteAt(position++) & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        int done = 0;
        while (done < n) {
            long block = position / BLOCK;
            int within = (int) (position % BLOCK);
            int take = Math.min(n - done, BLOCK - within);
            System.arraycopy(PATTERN, within, b, off + done, take);
            // overwrite whichever stamped bytes fall inside the span just copied
            byte[] stamp = ByteBuffer.allocate(8).putLong(block).array();
            for (int i = 0; i < 8; i++) {
                stamp(b, off + done, within, take, i, stamp[i]);
                stamp(b, off + done, within, take, BLOCK - 8 + i, stamp[i]);
            }
            position += take;
            done += take;
        }
        return n;
    }

    private static void stamp(byte[] b, int base, int within, int take, int at, byte value) {
        if (at >= within && at < within + take) {
            b[base + at - within] = value;
        }
    }
}
