package io.flotilla.node.registry;

import io.flotilla.storage.support.Batches;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Feeds what is read through it to a digest on another thread. Hashing a large upload on the thread that
 * reads and stores it made SHA-256 a third of a push's time; here that thread pays a memory copy and the
 * hash runs beside it. The digest is complete once a read has returned end of stream; a reader that stops
 * before that must call {@link #stopHashing()}.
 *
 * <p>Bodies shorter than one batch are hashed on the reading thread at end of stream, with no second
 * thread. At most {@link #BATCHES} batches are held per stream.
 */
final class HashAheadInputStream extends InputStream {
    private static final int BATCH = Batches.SIZE;
    private static final int BATCHES = 3;
    private static final Batch END = new Batch(new byte[0], -1);

    private record Batch(byte[] bytes, int length) {
    }

    private final InputStream in;
    private final MessageDigest digest;
    private final BlockingQueue<Batch> toHash = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<byte[]> hashed = new ArrayBlockingQueue<>(BATCHES);
    private byte[] current = new byte[BATCH];
    private int filled;
    private int allocated = 1;
    private Thread hasher;
    private boolean ended;
    private boolean complete;

    HashAheadInputStream(InputStream in, MessageDigest digest) {
        this.in = in;
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            copyToBatches(b, off, n);
        } else if (n < 0 && !ended) {
            ended = true;
            finishHashing();
        }
        return n;
    }

    /** Skipped bytes are read, so the digest sees them too. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int read = read(scratch, 0, (int) Math.min(left, scratch.length));
            if (read < 0) {
                break;
            }
            left -= read;
        }
        return n - left;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        stopHashing();
        in.close();
    }

    /** True once end of stream was read and every byte before it is in the digest. */
    boolean complete() {
        return complete;
    }

    /** Stops the hashing thread of a stream that was not read to its end; the digest is then incomplete. */
    void stopHashing() {
        if (hasher != null && !ended) {
            ended = true;
            hasher.interrupt();
        }
    }

    private void copyToBatches(byte[] b, int off, int n) throws IOException {
        while (n > 0) {
            int take = Math.min(n, BATCH - filled);
            System.arraycopy(b, off, current, filled, take);
            filled += take;
            off += take;
            n -= take;
            if (filled == BATCH) {
                handOff();
            }
        }
    }

    private void handOff() throws IOException {
        if (hasher == null) {
            hasher = Thread.ofVirtual().name("hash-ahead").start(this::hashBatches);
        }
        try {
            toHash.put(new Batch(current, filled));
            byte[] next = allocated < BATCHES ? null : hashed.take();
            if (next == null) {
                next = new byte[BATCH];
                allocated++;
            }
            current = next;
            filled = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopHashing();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    private void finishHashing() throws IOException {
        if (hasher == null) {
            digest.update(current, 0, filled);
            complete = true;
            return;
        }
        try {
            toHash.put(new Batch(current, filled));
            toHash.put(END);
            hasher.join();
            complete = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hasher.interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    private void hashBatches() {
        try {
            for (Batch batch = toHash.take(); batch != END; batch = toHash.take()) {
                digest.update(batch.bytes(), 0, batch.length());
                hashed.offer(batch.bytes());
            }
        } catch (InterruptedException e) {
            // stopped: the stream was abandoned before its end
        }
    }
}
