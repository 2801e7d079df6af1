package io.flotilla.storage.rados;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Native memory for asynchronous reads and writes. librados fills or sends a buffer after the call that
 * queued the operation has returned, so it cannot be one of the temporary copies JNA makes of Java arrays.
 * Up to {@code pooled} idle buffers are kept; the rest are freed on release.
 */
final class NativeBuffers implements AutoCloseable {
    /** The I/O size: every read and write of chunk data moves at most this much. */
    static final int SIZE = 4 << 20;

    private final int size;
    private final ArrayBlockingQueue<Pointer> idle;
    private volatile boolean closed;

    /** Buffers of {@code size} bytes, up to {@code pooled} of them kept for reuse. */
    NativeBuffers(int size, int pooled) {
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(pooled);
    }

    Pointer acquire() {
        Pointer buffer = idle.poll();
        if (buffer != null) {
            return buffer;
        }
        long address = Native.malloc(size);
        if (address == 0) {
            throw new OutOfMemoryError("no native memory for a " + size + "-byte I/O buffer");
        }
        return new Pointer(address);
    }

    void release(Pointer buffer) {
        if (closed || !idle.offer(buffer)) {
            Native.free(Pointer.nativeValue(buffer));
        }
    }

    /** Frees the idle buffers; buffers released later (by abandoned operations) are freed at once. */
    @Override
    public void close() {
        closed = true;
        Pointer buffer;
        while ((buffer = idle.poll()) != null) {
            Native.free(Pointer.nativeValue(buffer));
        }
    }
}
