package io.flotilla.storage.bench;

import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Random;

/**
 * The bytes of one benchmark blob, made as they are read instead of held in memory: 1 MiB blocks of one
 * random pattern, each stamped with the blob's seed and the block's number, so blobs of different seeds
 * differ in every block and no store can skip work because it already holds the digest. Producing them
 * costs an array copy per MiB, next to nothing beside a store's SHA-256.
 */
final class BlobContent {
    static final int BLOCK = 1 << 20;
    private static final byte[] PATTERN = new byte[BLOCK];

    static {
        new Random(42).nextBytes(PATTERN);
    }

    private final long length;
    private final long seed;
    private Digest digest;

    BlobContent(long length, long seed) {
        this.length = length;
        this.seed = seed;
    }

    long length() {
        return length;
    }

    /** The SHA-256 of the whole blob, computed once by reading it (outside any timing). */
    Digest digest() throws IOException {
        if (digest == null) {
            MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
            byte[] buffer = new byte[BLOCK];
            try (InputStream in = stream()) {
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                    md.update(buffer, 0, n);
                }
            }
            digest = Digest.of(DigestAlgorithm.SHA256, md);
        }
        return digest;
    }

    /** A fresh stream of the blob's bytes. */
    InputStream stream() {
        return new Stream();
    }

    private final class Stream extends InputStream {
        private final byte[] block = PATTERN.clone();
        private long position;
        private long stamped = -1;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (position >= length) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            long number = position / BLOCK;
            if (number != stamped) {
                stamp(number);
            }
            int within = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - within), length - position);
            System.arraycopy(block, within, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, length - position);
        }

        /** The pattern with the seed in its first 8 bytes and the block number in the next 8. */
        private void stamp(long number) {
            for (int i = 0; i < 8; i++) {
                block[i] = (byte) (PATTERN[i] ^ (seed >>> (8 * i)));
                block[8 + i] = (byte) (PATTERN[8 + i] ^ (number >>> (8 * i)));
            }
            stamped = number;
        }
    }
}
