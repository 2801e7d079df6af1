package io.flotilla.chaos.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes fixed by {@code seed}, produced on demand so that gigabytes can be uploaded
 * and checked without being held in memory. The bytes come in 64 KiB blocks, each from its own generator
 * seeded by (seed, block index), so any slice can be streamed without producing what lies before it.
 */
public final class SeededContent {

    static final int BLOCK = 64 * 1024;

    private final long seed;
    private final long size;
    private volatile String digest;

    public SeededContent(long seed, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    public long size() {
        return size;
    }

    /** All the bytes, from the start. */
    public InputStream open() {
        return open(0, size);
    }

    /** {@code length} bytes from {@code offset}: what {@link #open()} yields at those positions. */
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + size);
        }
        return new Slice(offset, length);
    }

    /** The bytes in memory; for sizes that fit in an array. */
    public byte[] bytes() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(size + " bytes do not fit in an array; stream them with open()");
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256:<hex>} of all the bytes, computed by streaming them once. */
    public String digest() {
        String d = digest;
        if (d == null) {
            d = sha256(open());
            digest = d;
        }
        return d;
    }

    /** {@code sha256:<hex>} of what a stream yields until its end; closes it. */
    public static String sha256(InputStream in) {
        try (in) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void fillBlock(long index, byte[] block) {
        // Mix the index into the seed so that neighbouring blocks get unrelated streams.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        for (int i = 0; i < BLOCK; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) {
                block[i + b] = (byte) (v >>> (8 * b));
            }
        }
    }

    /** Streams one slice, a block at a time. */
    private final class Slice extends InputStream {
        private final byte[] block = new byte[BLOCK];
        private long position;
        private final long end;
        private long blockIndex = -1;

        Slice(long offset, long length) {
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (position >= end) {
                return -1;
            }
            int copied = 0;
            while (copied < len && position < end) {
                long index = position / BLOCK;
                if (index != blockIndex) {
                    fillBlock(index, block);
                    blockIndex = index;
                }
                int inBlock = (int) (position % BLOCK);
                int n = (int) Math.min(Math.min(len - copied, BLOCK - inBlock), end - position);
                System.arraycopy(block, inBlock, into, off + copied, n);
                copied += n;
                position += n;
            }
            return copied;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
