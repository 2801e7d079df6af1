package io.flotilla.storage.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Exactly the {@code length} bytes promised when a range was opened. Every backend's range stream needs the
 * same bookkeeping, so it lives here and subclasses only move bytes: they are never asked for an empty read
 * or for bytes past the range, a source that ends early is an {@link EOFException} naming it rather than a
 * silent short read, and a closed stream refuses reads.
 */
public abstract class BoundedInputStream extends InputStream {
    private final String source;
    private long remaining;
    private boolean closed;

    /** {@code source} names what is read (a key, say) in the error raised when it ends early. */
    protected BoundedInputStream(String source, long length) {
        this.source = source;
        this.remaining = length;
    }

    /** Reads 1 to {@code len} bytes ({@code len} is at least 1 and within the range); -1 if the source ended. */
    protected abstract int readSome(byte[] b, int off, int len) throws IOException;

    /** Releases the source, once; {@code unread} bytes of the range were never read. */
    protected abstract void onClose(long unread) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = readSome(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException(source + " ends " + remaining + " bytes before the range asked for");
        }
        remaining -= n;
        return n;
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        long unread = remaining;
        remaining = 0;
        onClose(unread);
    }

    /** The bytes of the range not yet read; 0 once closed. */
    protected final long remaining() {
        return remaining;
    }

    /** Counts {@code n} bytes that a subclass skipped, or handed out other than through {@link #readSome}. */
    protected final void consumed(long n) {
        remaining -= n;
    }

    protected final void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
