package io.flotilla.bench.gc;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The N small blobs a GC run seeds: blob i is this run's 16-byte nonce, then i, then filler up to the size,
 * so every blob differs from every other (and from any other run's) and can be made again from its index
 * instead of being held in memory.
 */
public final class SeedBlobs {
    private static final int HEADER = 24;

    private final byte[] nonce;
    private final int size;
    private final long count;

    public SeedBlobs(byte[] nonce, int size, long count) {
        if (nonce.length != 16) {
            throw new IllegalArgumentException("the nonce must be 16 bytes");
        }
        if (size < HEADER) {
            throw new IllegalArgumentException("a seed blob needs at least " + HEADER + " bytes, not " + size);
        }
        this.nonce = nonce.clone();
        this.size = size;
        this.count = count;
    }

    public long count() {
        return count;
    }

    public int size() {
        return size;
    }

    /** The bytes of blob {@code index}. */
    public byte[] content(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("blob " + index + " of " + count);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(nonce).putLong(index);
        // Filler that varies with the index, so the blobs are not one long run of zeros.
        long x = index * 0x9E3779B97F4A7C15L + 1;
        while (b.hasRemaining()) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.put((byte) x);
        }
        return b.array();
    }

    /** {@code sha256:<hex>} of {@code content}. */
    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
