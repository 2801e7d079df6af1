package io.flotilla.chaos.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One direction of a {@link DelayProxy} connection: a reader stamps each chunk it reads with the time it may
 * leave (now + the delay in force), a writer sends chunks in order once their time has come. Two threads, so
 * reading goes on while a chunk waits; the queue is bounded, so a stalled reader of the far side stops this
 * side from reading, as TCP's own window would. End of stream is passed on as a half close.
 */
final class DelayedPipe {

    /** At most this many chunks (of up to 16 KiB) wait in one direction. */
    private static final int QUEUE_CHUNKS = 512;
    private static final byte[] EOF = new byte[0];

    private record Chunk(byte[] bytes, long dueNanos) {
    }

    private final Socket from;
    private final Socket to;
    private final LongSupplier delayNanos;
    private final Runnable closeBoth;
    private final Runnable finished;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);

    private DelayedPipe(Socket from, Socket to, LongSupplier delayNanos, Runnable closeBoth, Runnable finished) {
        this.from = from;
        this.to = to;
        this.delayNanos = delayNanos;
        this.closeBoth = closeBoth;
        this.finished = finished;
    }

    /**
     * Starts carrying {@code from}'s bytes to {@code to}. {@code closeBoth} runs on an error; {@code finished}
     * once this direction's end of stream has been passed on.
     */
    static void start(Socket from, Socket to, LongSupplier delayNanos, Runnable closeBoth, Runnable finished) {
        DelayedPipe pipe = new DelayedPipe(from, to, delayNanos, closeBoth, finished);
        Thread.ofVirtual().start(pipe::read);
        Thread.ofVirtual().start(pipe::write);
    }

    private void read() {
        byte[] buf = new byte[16 * 1024];
        // Not try-with-resources: closing a socket's stream closes the socket, and the other direction may
        // still have bytes to carry after this one's end of stream.
        try {
            InputStream in = from.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                queue.put(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos.getAsLong()));
            }
            queue.put(new Chunk(EOF, System.nanoTime() + delayNanos.getAsLong()));
        } catch (IOException e) {
            closeBoth.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeBoth.run();
        }
    }

    private void write() {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                long wait;
                while ((wait = chunk.dueNanos - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (chunk.bytes == EOF) {
                    to.shutdownOutput();
                    finished.run();
                    return;
                }
                out.write(chunk.bytes);
                out.flush();
            }
        } catch (IOException e) {
            closeBoth.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeBoth.run();
        }
    }
}
