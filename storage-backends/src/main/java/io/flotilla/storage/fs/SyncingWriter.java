package io.flotilla.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes a file in batches and flushes it to disk while it grows. The kernel starts writing dirty pages
 * back only past a share of RAM (gigabytes), so without this a large blob's whole body waits for the
 * final fdatasync; flushing every {@link #FLUSH_EVERY} bytes on another thread overlaps the disk with
 * the network, and the final {@link #finish()} only flushes the tail.
 */
final class SyncingWriter {
    static final long FLUSH_EVERY = 32L << 20;

    private final FileChannel channel;
    private long unflushed;
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

    SyncingWriter(FileChannel channel) {
        this.channel = channel;
    }

    void write(byte[] batch, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(batch, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        unflushed += length;
        if (unflushed >= FLUSH_EVERY && flushing.isDone()) {
            rethrowFailure();
            unflushed = 0;
            flushing = CompletableFuture.runAsync(this::flush, command -> Thread.ofVirtual().start(command));
        }
    }

    /** Waits for any flush in flight, then forces everything written: the data is durable when this returns. */
    void finish() throws IOException {
        rethrowFailure();
        channel.force(false);
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void rethrowFailure() throws IOException {
        try {
            flushing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while flushing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }
}
