package io.flotilla.storage.rados;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Native memory for asynchronous reads and writes. librados fills or sends a buffer after the call that
 * queued the operation has returned, so it cannot be one of the temporary copies JNA makes of Java arrays.
 * Buffers are {@link #SIZE} bytes; up to {@code pooled} idle ones are kept, the rest freed on release.
 */
final class NativeBuffers implements AutoCloseable {
    /** The I/O size: every read and write of object data moves at most this much. */
    static final int SIZE = 4 << 20;

    private final ArrayBlockingQueue<Pointer> idle;
    private volatile boolean closed;

    NativeBuffers(int pooled) {
        this.idle = new ArrayBlockingQueue<>(pooled);
    }

    Pointer acquire() {
        Pointer buffer = idle.poll();
        if (buffer != null) {
            return buffer;
        }
        long address = Native.malloc(SIZE);
        if (address == 0) {
            throw new OutOfMemoryError("no native memory for a " + SIZE + "-byte I/O buffer");
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
