package io.flotilla.storage.rados;

import com.sun.jna.Pointer;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.support.BoundedInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * Bytes {@code [offset, offset + length)} of a chunked piece. Reads of up to {@link NativeBuffers#SIZE}
 * bytes, never crossing a chunk, are queued {@link #READ_AHEAD} ahead of the caller, so a whole-blob read
 * keeps the OSD busy. A chunk that is missing or shorter than its head says is an error, never a short read.
 */
final class ChunkedInputStream extends BoundedInputStream {
    private static final int READ_AHEAD = 3;

    private final RadosIo io;
    private final String key;
    private final String prefix;
    private final long end;
    private final ArrayDeque<Request> queued = new ArrayDeque<>();
    private long next;
    private byte[] current = new byte[0];
    private int currentLength;
    private int position;

    private record Request(Aio.Op op, Pointer buffer, String oid, int length) {
    }

    ChunkedInputStream(RadosIo io, String key, Head head, long offset, long length) {
        super(key, length);
        this.io = io;
        this.key = key;
        this.prefix = head.dataPrefix();
        this.next = offset;
        this.end = offset + length;
    }

    @Override
    protected int readSome(byte[] b, int off, int len) throws IOException {
        if (position == currentLength && !take()) {
            return -1;
        }
        int n = Math.min(len, currentLength - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    /** Large reads straight through, for GET responses. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        ensureOpen();
        long total = 0;
        while (position < currentLength || take()) {
            int n = currentLength - position;
            out.write(current, position, n);
            consumed(n);
            total += n;
            position = currentLength;
        }
        return total;
    }

    @Override
    protected void onClose(long unread) {
        Request r;
        while ((r = queued.poll()) != null) {
            r.op().abandon(); // its buffer goes back once librados is done writing into it
        }
    }

    /** Moves the oldest queued read into {@link #current}; false at the end of the range. */
    private boolean take() throws IOException {
        ensureOpen();
        fill();
        Request r = queued.poll();
        if (r == null) {
            return false;
        }
        try {
            int got = r.op().await(io.waitLimit(), rc -> {
                if (rc == RadosErrors.ENOENT) {
                    throw new NoSuchObjectException(key + " (its chunk " + r.oid() + ")");
                }
                RadosErrors.check(rc, "reading " + r.oid());
                if (rc < r.length()) {
                    throw new EOFException(r.oid() + " of " + key + " ends " + (r.length() - rc)
                            + " bytes before its head says");
                }
                if (current.length < rc) {
                    current = new byte[NativeBuffers.SIZE];
                }
                r.buffer().read(0, current, 0, rc);
                return rc;
            });
            currentLength = got;
            position = 0;
            fill();
            return true;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void fill() throws IOException {
        while (queued.size() < READ_AHEAD && next < end) {
            long chunk = next / Head.CHUNK_SIZE;
            long within = next % Head.CHUNK_SIZE;
            int length = (int) Math.min(NativeBuffers.SIZE, Math.min(Head.CHUNK_SIZE - within, end - next));
            String oid = Head.chunkName(prefix, chunk);
            Pointer buffer = io.buffers().acquire();
            Aio.Op op = io.read(oid, buffer, length, within, () -> io.buffers().release(buffer));
            queued.add(new Request(op, buffer, oid, length));
            next += length;
        }
    }
}
