package io.flotilla.storage.contract;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** Inputs that behave like the ones the node hands a store: request bodies that trickle, or break. */
public final class TestStreams {
    /** What the HTTP layer returns per read at most. */
    public static final int TRICKLE = 8 * 1024;

    private TestStreams() {
    }

    /** Deterministic pseudo-random bytes. */
    public static byte[] bytes(int length, long seed) {
        byte[] out = new byte[length];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** A stream that returns at most {@link #TRICKLE} bytes per read, like a request body. */
    public static InputStream trickle(byte[] content) {
        return new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, TRICKLE));
            }
        };
    }

    /** A stream that yields {@code good} bytes of {@code content} and then fails, like a dropped client. */
    public static InputStream failingAfter(byte[] content, int good) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= good) {
                    throw new IOException("client went away");
                }
                return content[position++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= good) {
                    throw new IOException("client went away");
                }
                int n = Math.min(len, good - position);
                System.arraycopy(content, position, b, off, n);
                position += n;
                return n;
            }
        };
    }
}
