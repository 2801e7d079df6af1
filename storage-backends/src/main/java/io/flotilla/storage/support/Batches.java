package io.flotilla.storage.support;

import java.io.IOException;
import java.io.InputStream;

/**
 * Moves a stream in 1 MiB batches. Request bodies hand out at most 8 KiB per read, and hashing or
 * writing 8 KiB at a time costs more per byte than the work itself, so every copy loop goes through here.
 */
public final class Batches {
    /** The batch size: large enough to amortise per-call costs, small enough to keep per request. */
    public static final int SIZE = 1 << 20;
    /** The first batch: most manifests and configs fit, and they never pay for a 1 MiB buffer. */
    static final int FIRST = 64 * 1024;

    /** Receives one batch; the array is reused for the next batch once this returns. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] batch, int length) throws IOException;
    }

    private Batches() {
    }

    /** Reads {@code in} to its end, handing each full batch (and the last, shorter one) to {@code sink}. */
    public static long pump(InputStream in, Sink sink) throws IOException {
        byte[] batch = new byte[FIRST];
        long total = 0;
        while (true) {
            int n = in.readNBytes(batch, 0, batch.length);
            if (n > 0) {
                sink.accept(batch, n);
                total += n;
            }
            if (n < batch.length) {
                return total; // readNBytes only comes back short at end of stream
            }
            if (batch.length < SIZE) {
                batch = new byte[SIZE]; // a large body: switch to full batches
            }
        }
    }
}
