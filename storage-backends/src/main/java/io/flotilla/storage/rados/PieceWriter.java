package io.flotilla.storage.rados;

import com.sun.jna.Pointer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one piece's bytes, as they arrive, into the chunk objects {@code <prefix>:<index>}: batches are
 * gathered into {@link NativeBuffers#SIZE} writes at their offsets, {@link #WINDOW} of them in flight, so the
 * network and the OSD's disk stay busy while the caller reads its next batch. A piece that ends within
 * {@link Head#INLINE_MAX} bytes before anything was sent writes no chunk at all: its bytes go in its head.
 */
final class PieceWriter {
    private static final int WINDOW = 4;

    /** Runs before the first chunk object is written, e.g. to record the data for clean-up. */
    @FunctionalInterface
    interface BeforeFirstChunk {
        void run() throws IOException;
    }

    private final RadosIo io;
    private final String prefix;
    private final BeforeFirstChunk beforeFirstChunk;
    private final ArrayDeque<Aio.Op> inFlight = new ArrayDeque<>();
    private Pointer buffer;
    private int filled;
    private long sent;
    private boolean started;

    PieceWriter(RadosIo io, String prefix, BeforeFirstChunk beforeFirstChunk) {
        this.io = io;
        this.prefix = prefix;
        this.beforeFirstChunk = beforeFirstChunk;
    }

    void write(byte[] batch, int length) throws IOException {
        int offset = 0;
        while (offset < length) {
            if (buffer == null) {
                buffer = io.buffers().acquire();
                filled = 0;
            }
            int n = Math.min(length - offset, NativeBuffers.SIZE - filled);
            buffer.write(filled, batch, offset, n);
            filled += n;
            offset += n;
            if (filled == NativeBuffers.SIZE) {
                send();
            }
        }
    }

    /** Waits until every byte is durable and returns the head that describes them. */
    Head finish() throws IOException {
        if (!started && filled <= Head.INLINE_MAX) {
            byte[] bytes = buffer == null ? new byte[0] : buffer.getByteArray(0, filled);
            releaseBuffer();
            return Head.inline(bytes);
        }
        if (filled > 0) {
            send();
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        return Head.chunked(sent, prefix);
    }

    /** Whether any chunk object was written (so the before-first-chunk action ran). */
    boolean started() {
        return started;
    }

    /** The chunk objects this writer may have created so far. */
    List<String> chunksWritten() {
        List<String> names = new ArrayList<>();
        for (long i = 0; i < Head.chunkCount(sent); i++) {
            names.add(Head.chunkName(prefix, i));
        }
        return names;
    }

    /**
     * After a failure: waits for the writes still in flight, so that none lands after the clean-up, then
     * removes every chunk object written. Returns false if that could not be confirmed, in which case the
     * caller must leave its clean-up record in place.
     */
    boolean abort() {
        releaseBuffer();
        boolean clean = true;
        while (!inFlight.isEmpty()) {
            try {
                inFlight.poll().await(io.waitLimit());
            } catch (IOException | RuntimeException e) {
                clean = false;
            }
        }
        try {
            io.removeAll(chunksWritten());
        } catch (IOException | RuntimeException e) {
            clean = false;
        }
        return clean;
    }

    private void send() throws IOException {
        if (!started) {
            beforeFirstChunk.run();
            started = true;
        }
        long chunk = sent / Head.CHUNK_SIZE;
        long offset = sent % Head.CHUNK_SIZE;
        Pointer data = buffer;
        int length = filled;
        buffer = null;
        filled = 0;
        inFlight.add(io.write(Head.chunkName(prefix, chunk), data, length, offset, () -> io.buffers().release(data)));
        sent += length;
        while (inFlight.size() >= WINDOW) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws IOException {
        RadosErrors.check(inFlight.poll().await(io.waitLimit()), "writing " + prefix);
    }

    private void releaseBuffer() {
        if (buffer != null) {
            io.buffers().release(buffer);
            buffer = null;
        }
    }
}
