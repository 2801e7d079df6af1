package io.flotilla.storage.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Exactly {@code length} bytes of a file from {@code offset}, read with positional reads as large as
 * the caller asks for. A file that ends early is an error, never a silent short read.
 */
final class FileRangeInputStream extends InputStream {
    private static final int TRANSFER_CHUNK = 256 * 1024;

    private final FileChannel channel;
    private final String key;
    private long position;
    private long remaining;

    FileRangeInputStream(FileChannel channel, String key, long offset, long length) {
        this.channel = channel;
        this.key = key;
        this.position = offset;
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
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            throw new EOFException(key + " ends " + remaining + " bytes before the range asked for");
        }
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, remaining));
        position += skipped;
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    /** The default transfer uses 16 KiB reads; a larger chunk keeps a whole-blob GET cheap per byte. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(TRANSFER_CHUNK, Math.max(1, remaining))];
        long total = 0;
        int n;
        while ((n = read(chunk, 0, chunk.length)) > 0) {
            out.write(chunk, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        remaining = 0;
        channel.close();
    }
}
