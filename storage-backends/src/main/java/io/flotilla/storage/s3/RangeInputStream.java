package io.flotilla.storage.s3;

import io.flotilla.storage.support.Batches;
import io.flotilla.storage.support.BoundedInputStream;
import software.amazon.awssdk.core.ResponseInputStream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Exactly {@code length} bytes of a ranged GET. A body that ends early is an error, never a silent short
 * read. Closing before the end aborts the connection rather than draining the rest of the range, which
 * for a large blob would mean reading it all just to throw it away.
 */
final class RangeInputStream extends BoundedInputStream {
    private final ResponseInputStream<?> body;

    RangeInputStream(ResponseInputStream<?> body, String key, long length) {
        super(key, length);
        this.body = body;
    }

    @Override
    protected int readSome(byte[] b, int off, int len) throws IOException {
        return body.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining(), body.available());
    }

    /** The default transfer moves 16 KiB at a time; whole-blob GETs go through here in 1 MiB batches. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] batch = new byte[(int) Math.min(Batches.SIZE, Math.max(1, remaining()))];
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
    protected void onClose(long unread) throws IOException {
        if (unread > 0) {
            body.abort();
        }
        body.close();
    }
}
