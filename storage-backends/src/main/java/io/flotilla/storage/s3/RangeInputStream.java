package io.flotilla.storage.s3;

import io.flotilla.storage.support.Batches;
import software.amazon.awssdk.core.ResponseInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Exactly {@code length} bytes of a ranged GET. A body that ends early is an error, never a silent short
 * read. Closing before the end aborts the connection rather than draining the rest of the range, which
 * for a large blob would mean reading it all just to throw it away.
 */
final class RangeInputStream extends InputStream {
    private final ResponseInputStream<?> body;
    private final String key;
    private long remaining;
    private boolean closed;

    RangeInputStream(ResponseInputStream<?> body, String key, long length) {
        this.body = body;
        this.key = key;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        int n = body.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException(key + " ends " + remaining + " bytes before the range asked for");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining, body.available());
    }

    /** The default transfer moves 16 KiB at a time; whole-blob GETs go through here in 1 MiB batches. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] batch = new byte[(int) Math.min(Batches.SIZE, Math.max(1, remaining))];
        long total = 0;
        while (true) {
            int n = readNBytes(batch, 0, batch.length);
            if (n > 0) {
                out.write(batch, 0, n);
                total += n;
            }
            if (n < batch.length) {
                return total;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (remaining > 0) {
            body.abort();
        }
        remaining = 0;
        body.close();
    }
}
