package io.flotilla.storage.fs;

import io.flotilla.storage.support.BoundedInputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Exactly {@code length} bytes of a file from {@code offset}, read with positional reads as large as
 * the caller asks for. A file that ends early is an error, never a silent short read.
 */
final class FileRangeInputStream extends BoundedInputStream {
    private static final int TRANSFER_CHUNK = 256 * 1024;

    private final FileChannel channel;
    private long position;

    FileRangeInputStream(FileChannel channel, String key, long offset, long length) {
        super(key, length);
        this.channel = channel;
        this.position = offset;
    }

    @Override
    protected int readSome(byte[] b, int off, int len) throws IOException {
        int n = channel.read(ByteBuffer.wrap(b, off, len), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, remaining()));
        position += skipped;
        consumed(skipped);
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining());
    }

    /** The default transfer uses 16 KiB reads; a larger chunk keeps a whole-blob GET cheap per byte. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(TRANSFER_CHUNK, Math.max(1, remaining()))];
        long total = 0;
        int n;
        while ((n = read(chunk, 0, chunk.length)) > 0) {
            out.write(chunk, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    protected void onClose(long unread) throws IOException {
        channel.close();
    }
}
